#include "kube-proxy/proxier/conntrack_cleaner.h"

#include <catch2/catch.hpp>

#include "kube-proxy/runner/fake_runner.h"
#include "kube-proxy/testing/builders.h"

namespace kube::proxy::proxier {

using testing::MakePort;
using Argv = std::vector<std::string>;

TEST_CASE("conntrack: a UDP endpoint that goes away has its flows deleted", "[kube-proxy][proxier]") {
  ServicePortInfo before = MakePort("ns", "dns", "", "10.96.0.53", 53, {"10.244.1.1", "10.244.1.2"}, 53);
  before.protocol = Protocol::kUdp;
  ServicePortInfo after = before;
  after.endpoints.pop_back();
  auto commands = StaleConntrackCommands(Snapshot{{before}}, Snapshot{{after}});
  CHECK(commands == std::vector<Argv>{{"/usr/sbin/conntrack", "-D", "-p", "udp", "--orig-dst",
                                       "10.96.0.53", "--dst-nat", "10.244.1.2"}});

  // A whole service removed: every endpoint's flows.
  CHECK(StaleConntrackCommands(Snapshot{{before}}, Snapshot{}).size() == 2);
  // TCP is left alone: connections to a gone endpoint fail by themselves.
  ServicePortInfo tcp = before;
  tcp.protocol = Protocol::kTcp;
  CHECK(StaleConntrackCommands(Snapshot{{tcp}}, Snapshot{}).empty());
  // Nothing changed: nothing to do.
  CHECK(StaleConntrackCommands(Snapshot{{before}}, Snapshot{{before}}).empty());
}

TEST_CASE("conntrack: a UDP service getting its first endpoint clears flows to the service IP",
          "[kube-proxy][proxier]") {
  ServicePortInfo empty = MakePort("ns", "dns", "", "10.96.0.53", 53, {}, 53);
  empty.protocol = Protocol::kUdp;
  empty.node_port = 30053;
  ServicePortInfo ready = empty;
  ready.endpoints.push_back({"10.244.1.1", 53, false});
  auto commands = StaleConntrackCommands(Snapshot{{empty}}, Snapshot{{ready}});
  CHECK(commands == std::vector<Argv>{
                        {"/usr/sbin/conntrack", "-D", "-p", "udp", "--dport", "30053"},
                        {"/usr/sbin/conntrack", "-D", "-p", "udp", "--orig-dst", "10.96.0.53"}});
}

TEST_CASE("conntrack: exit 1 (no entries matched) is fine", "[kube-proxy][proxier]") {
  runner::FakeRunner fake;
  fake.SetHandler([](const runner::FakeRunner::Call&) {
    runner::CommandResult result;
    result.exit_code = 1;
    result.err = "conntrack v1.4.7 (conntrack-tools): 0 flow entries have been deleted.\n";
    return result;
  });
  ServicePortInfo port = MakePort("ns", "dns", "", "10.96.0.53", 53, {"10.244.1.1"}, 53);
  port.protocol = Protocol::kUdp;
  DeleteStaleConntrack(fake, Snapshot{{port}}, Snapshot{});
  CHECK(fake.calls().size() == 1);
}

}  // namespace kube::proxy::proxier
