#include "kube-proxy/iptables/iptables_backend.h"

#include <catch2/catch.hpp>

#include "kube-proxy/runner/fake_runner.h"
#include "kube-proxy/testing/builders.h"

namespace kube::proxy::iptables {

using runner::CommandResult;
using runner::FakeRunner;

TEST_CASE("iptables backend: one save and one restore per change, nothing when unchanged",
          "[kube-proxy][iptables]") {
  FakeRunner fake;
  IptablesBackend backend({}, fake);
  proxier::Snapshot snapshot{{testing::MakePort("ns", "web", "", "10.96.0.10", 80, {"10.244.1.1"}, 80)}};

  REQUIRE(backend.Sync(snapshot, false).ok());
  CHECK(fake.CallsTo("iptables-save").size() == 1);
  auto restores = fake.CallsTo("iptables-restore");
  REQUIRE(restores.size() == 1);
  CHECK(restores[0].argv == std::vector<std::string>{"iptables-restore", "-w", "5", "--noflush"});
  CHECK(restores[0].input.find("-j DNAT --to-destination 10.244.1.1:80") != std::string::npos);
  CHECK(backend.RuleCount() > 0);

  fake.ClearCalls();
  REQUIRE(backend.Sync(snapshot, false).ok());
  CHECK(fake.calls().empty());  // no-op when unchanged

  REQUIRE(backend.Sync(snapshot, true).ok());  // the periodic resync rewrites anyway
  CHECK(fake.CallsTo("iptables-restore").size() == 1);

  fake.ClearCalls();
  snapshot.ports[0].endpoints.push_back({"10.244.1.2", 80, false});
  REQUIRE(backend.Sync(snapshot, false).ok());
  CHECK(fake.CallsTo("iptables-restore").size() == 1);
}

TEST_CASE("iptables backend: a failed restore is an error and the next sync retries",
          "[kube-proxy][iptables]") {
  FakeRunner fake;
  bool fail = true;
  fake.SetHandler([&](const FakeRunner::Call& call) {
    CommandResult result;
    result.exit_code = (call.argv[0] == "iptables-restore" && fail) ? 2 : 0;
    result.err = "line 7 failed";
    return result;
  });
  IptablesBackend backend({}, fake);
  proxier::Snapshot snapshot{{testing::MakePort("ns", "web", "", "10.96.0.10", 80, {"10.244.1.1"}, 80)}};
  absl::Status status = backend.Sync(snapshot, false);
  CHECK(!status.ok());
  CHECK(std::string(status.message()).find("line 7 failed") != std::string::npos);
  fail = false;
  fake.ClearCalls();
  REQUIRE(backend.Sync(snapshot, false).ok());
  CHECK(fake.CallsTo("iptables-restore").size() == 1);
}

}  // namespace kube::proxy::iptables
