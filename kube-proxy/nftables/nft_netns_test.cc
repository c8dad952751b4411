// The nftables backend against the real nft, in a private network namespace.
// Root only; elsewhere each case says why and returns.

#include <chrono>
#include <set>

#include <catch2/catch.hpp>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "kube-proxy/nftables/nft_backend.h"
#include "kube-proxy/runner/fake_runner.h"
#include "kube-proxy/testing/builders.h"
#include "kube-proxy/testing/netns.h"

namespace kube::proxy::nftables {
namespace {

using testing::MakePort;
using testing::TestNetns;

// The listing without set elements (their expiry times tick).
std::string WithoutElements(const std::string& listing) {
  std::string out;
  for (absl::string_view line : absl::StrSplit(listing, '\n')) {
    if (!absl::StrContains(line, "elements =")) absl::StrAppend(&out, line, "\n");
  }
  return out;
}

std::pair<int, std::string> Fetch(const TestNetns& netns, const std::string& url) {
  runner::CommandResult result = netns.Run({"curl", "-s", "-m", "5", url});
  return {result.exit_code, result.out};
}

}  // namespace

TEST_CASE("nft backend: nothing runs when the snapshot is unchanged", "[kube-proxy][nftables]") {
  runner::FakeRunner fake;
  NftBackend backend({}, fake);
  proxier::Snapshot snapshot{{MakePort("ns", "web", "", "10.96.0.10", 80, {"10.244.1.1"}, 80)}};
  REQUIRE(backend.Sync(snapshot, false).ok());
  auto applies = fake.CallsTo("nft");
  REQUIRE(applies.size() == 3);  // list chains, list sets, -f -
  CHECK(applies[2].argv == std::vector<std::string>{"nft", "-f", "-"});
  fake.ClearCalls();
  REQUIRE(backend.Sync(snapshot, false).ok());
  CHECK(fake.calls().empty());
}

TEST_CASE("nftables netns: DNAT to endpoints, reject without endpoints, restart, removal, cleanup",
          "[kube-proxy][nftables][root]") {
  if (!testing::IsRoot()) {
    WARN("skipped: needs root to create a network namespace and run nft");
    return;
  }
  TestNetns netns;
  REQUIRE(netns.ok());
  REQUIRE(testing::AddServiceNetwork(netns));
  testing::TestHttpd one(netns, "10.123.0.2", 8080, "one");
  testing::TestHttpd two(netns, "10.123.0.3", 8080, "two");
  REQUIRE(one.ok());
  REQUIRE(two.ok());
  std::unique_ptr<runner::Runner> runner = netns.NewRunner();
  proxier::ServicePortInfo web = MakePort("ns", "web", "http", "10.96.5.5", 80, {"10.123.0.2"}, 8080);
  web.node_port = 30080;
  web.load_balancer_ips = {"10.123.0.50"};
  web.affinity_timeout_seconds = 30;
  proxier::ServicePortInfo empty = MakePort("ns", "empty", "", "10.96.5.6", 80, {}, 8080);
  {
    NftBackend backend({.cluster_cidr = "10.244.0.0/16"}, *runner);
    absl::Status status = backend.Sync(proxier::Snapshot{{empty, web}}, false);
    INFO(status.message());
    REQUIRE(status.ok());
  }
  std::string listed = netns.Run({"nft", "list", "table", "ip", "kube-proxy"}).out;
  CHECK(absl::StrContains(listed, "dnat to 10.123.0.2:8080"));
  CHECK(Fetch(netns, "http://10.96.5.5/") == std::make_pair(0, std::string("one")));
  CHECK(Fetch(netns, "http://10.123.0.3:30080/") == std::make_pair(0, std::string("one")));
  CHECK(Fetch(netns, "http://10.123.0.50/") == std::make_pair(0, std::string("one")));
  auto start = std::chrono::steady_clock::now();
  CHECK(Fetch(netns, "http://10.96.5.6/").first == 7);  // refused, not a timeout
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));

  // A restart (new backend) converges to the same table; then a second endpoint
  // without affinity gets traffic too.
  NftBackend restarted({.cluster_cidr = "10.244.0.0/16"}, *runner);
  absl::Status restart_status = restarted.Sync(proxier::Snapshot{{empty, web}}, false);
  INFO(restart_status.message());
  REQUIRE(restart_status.ok());
  const std::string relisted = netns.Run({"nft", "list", "table", "ip", "kube-proxy"}).out;
  CHECK(WithoutElements(relisted) == WithoutElements(listed));
  // The client's affinity to its endpoint survived the restart's transaction.
  CHECK(absl::StrContains(relisted, "elements = { 10.123.0.2 expires"));
  web.affinity_timeout_seconds = 0;
  web.endpoints.push_back({"10.123.0.3", 8080, false});
  REQUIRE(restarted.Sync(proxier::Snapshot{{empty, web}}, false).ok());
  std::set<std::string> bodies;
  for (int i = 0; i < 40 && bodies.size() < 2; ++i) bodies.insert(Fetch(netns, "http://10.96.5.5/").second);
  CHECK(bodies == std::set<std::string>{"one", "two"});
  CHECK(!absl::StrContains(netns.Run({"nft", "list", "table", "ip", "kube-proxy"}).out, "set affinity-"));

  REQUIRE(restarted.Sync(proxier::Snapshot{{empty}}, false).ok());
  std::string after = netns.Run({"nft", "list", "table", "ip", "kube-proxy"}).out;
  CHECK(!absl::StrContains(after, "chain service-"));
  CHECK(!absl::StrContains(after, "chain endpoint-"));
  CHECK(Fetch(netns, "http://10.96.5.5/").first != 0);

  REQUIRE(restarted.Cleanup().ok());
  CHECK(netns.Run({"nft", "list", "table", "ip", "kube-proxy"}).exit_code != 0);
}

}  // namespace kube::proxy::nftables
