// The iptables backend against the real iptables-restore, in a private network
// namespace: rules land as generated, and traffic to a service IP really reaches
// its endpoints (OUTPUT-chain DNAT). Root only; elsewhere each case says why and
// returns.

#include <chrono>
#include <set>

#include <catch2/catch.hpp>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "kube-proxy/iptables/iptables_backend.h"
#include "kube-proxy/testing/builders.h"
#include "kube-proxy/testing/netns.h"

namespace kube::proxy::iptables {
namespace {

using testing::MakePort;
using testing::TestNetns;

#define REQUIRE_ROOT()                                                              \
  if (!testing::IsRoot()) {                                                         \
    WARN("skipped: needs root to create a network namespace and program iptables"); \
    return;                                                                         \
  }

std::string Save(const TestNetns& netns) { return netns.Run({"iptables-save"}).out; }

int Count(const std::string& text, const std::string& part) {
  int n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

// curl inside the namespace: (exit code, body).
std::pair<int, std::string> Fetch(const TestNetns& netns, const std::string& url) {
  runner::CommandResult result = netns.Run({"curl", "-s", "-m", "5", url});
  return {result.exit_code, result.out};
}

}  // namespace

TEST_CASE("iptables netns: DNAT to endpoints, reject without endpoints, restart, removal, cleanup",
          "[kube-proxy][iptables][root]") {
  REQUIRE_ROOT();
  TestNetns netns;
  REQUIRE(netns.ok());
  REQUIRE(testing::AddServiceNetwork(netns));
  testing::TestHttpd one(netns, "10.123.0.2", 8080, "one");
  testing::TestHttpd two(netns, "10.123.0.3", 8080, "two");
  REQUIRE(one.ok());
  REQUIRE(two.ok());

  std::unique_ptr<runner::Runner> runner = netns.NewRunner();
  const IptablesConfig config{.cluster_cidr = "10.244.0.0/16"};
  proxier::ServicePortInfo web = MakePort("ns", "web", "http", "10.96.5.5", 80, {"10.123.0.2"}, 8080);
  web.node_port = 30080;
  web.load_balancer_ips = {"10.123.0.50"};
  proxier::ServicePortInfo empty = MakePort("ns", "empty", "", "10.96.5.6", 80, {}, 8080);
  proxier::Snapshot snapshot{{empty, web}};
  {
    IptablesBackend backend(config, *runner);
    REQUIRE(backend.Sync(snapshot, false).ok());
  }
  std::string saved = Save(netns);
  CHECK(absl::StrContains(saved, "-j DNAT --to-destination 10.123.0.2:8080"));
  CHECK(absl::StrContains(saved, "ns/empty has no endpoints"));
  CHECK(Count(saved, "-j KUBE-SVC-") == 2);  // cluster IP rule + EXT chain's jump

  // Cluster IP, node port on a local address, and load-balancer IP all reach it.
  CHECK(Fetch(netns, "http://10.96.5.5/") == std::make_pair(0, std::string("one")));
  CHECK(Fetch(netns, "http://10.123.0.3:30080/") == std::make_pair(0, std::string("one")));
  CHECK(Fetch(netns, "http://10.123.0.50/") == std::make_pair(0, std::string("one")));

  // No endpoints: refused at once (curl exit 7), not a timeout (28).
  auto start = std::chrono::steady_clock::now();
  CHECK(Fetch(netns, "http://10.96.5.6/").first == 7);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));

  SECTION("a restarted kube-proxy converges without duplicating or flushing anything") {
    std::set<std::string> chains_before;
    for (absl::string_view line : absl::StrSplit(saved, '\n')) {
      if (absl::StartsWith(line, ":KUBE-")) chains_before.insert(std::string(line.substr(0, line.find(' '))));
    }
    IptablesBackend restarted(config, *runner);
    REQUIRE(restarted.Sync(snapshot, false).ok());
    std::string again = Save(netns);
    for (const JumpRule& jump : JumpRules()) {
      INFO(jump.SaveLine());
      CHECK(Count(again, jump.SaveLine() + "\n") == 1);
    }
    std::set<std::string> chains_after;
    for (absl::string_view line : absl::StrSplit(again, '\n')) {
      if (absl::StartsWith(line, ":KUBE-")) chains_after.insert(std::string(line.substr(0, line.find(' '))));
    }
    CHECK(chains_after == chains_before);
    CHECK(Fetch(netns, "http://10.96.5.5/") == std::make_pair(0, std::string("one")));
  }

  SECTION("endpoint changes reach both backends; a removed service's chains go") {
    IptablesBackend backend(config, *runner);
    proxier::ServicePortInfo both = web;
    both.endpoints.push_back({"10.123.0.3", 8080, false});
    REQUIRE(backend.Sync(proxier::Snapshot{{empty, both}}, false).ok());
    std::set<std::string> bodies;
    for (int i = 0; i < 40 && bodies.size() < 2; ++i) bodies.insert(Fetch(netns, "http://10.96.5.5/").second);
    CHECK(bodies == std::set<std::string>{"one", "two"});

    REQUIRE(backend.Sync(proxier::Snapshot{{empty}}, false).ok());
    std::string after = Save(netns);
    CHECK(Count(after, "KUBE-SVC-") == 0);
    CHECK(Count(after, "KUBE-SEP-") == 0);
    CHECK(Count(after, "KUBE-EXT-") == 0);
    CHECK(Fetch(netns, "http://10.96.5.5/").first != 0);
  }

  SECTION("--cleanup removes every chain and jump") {
    IptablesBackend backend(config, *runner);
    REQUIRE(backend.Cleanup().ok());
    std::string after = Save(netns);
    CHECK(Count(after, "KUBE-") == 0);
  }
}

}  // namespace kube::proxy::iptables
