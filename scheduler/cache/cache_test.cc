#include "scheduler/cache/cache.h"

#include <catch2/catch.hpp>

#include "scheduler/testing/wrappers.h"

namespace kube::scheduler::cache {
namespace {

using testing::MakeNode;
using testing::MakePod;

// A clock the test moves by hand.
struct FakeClock {
  absl::Time now = absl::FromUnixSeconds(1000);
  Cache::Clock Func() {
    return [this] { return now; };
  }
};

auto Node(const std::string& name) {
  return MakeNode(name).Capacity({{"cpu", "4"}, {"memory", "8Gi"}, {"pods", "10"}}).Shared();
}

TEST_CASE("Cache counts bound pods on their nodes", "[cache]") {
  Cache cache;
  cache.AddNode(Node("n1"));
  cache.AddPod(MakePod("a").Node("n1").Req({{"cpu", "1"}}).Info());
  Snapshot snapshot;
  cache.UpdateSnapshot(snapshot);
  REQUIRE(snapshot.nodes().size() == 1);
  CHECK(snapshot.Get("n1")->requested().milli_cpu == 1000);
  cache.RemovePod(MakePod("a").Node("n1").Obj());
  cache.UpdateSnapshot(snapshot);
  CHECK(snapshot.Get("n1")->requested().milli_cpu == 0);
}

TEST_CASE("Cache: an assumed pod counts at once and is confirmed by the informer", "[cache]") {
  Cache cache;
  cache.AddNode(Node("n1"));
  REQUIRE(cache.AssumePod(MakePod("a").Req({{"cpu", "1"}}).Info(), "n1").ok());
  CHECK(cache.IsAssumed("uid-a"));
  CHECK_FALSE(cache.AssumePod(MakePod("a").Info(), "n1").ok());  // already there
  Snapshot snapshot;
  cache.UpdateSnapshot(snapshot);
  CHECK(snapshot.Get("n1")->requested().milli_cpu == 1000);
  cache.FinishBinding("uid-a");
  cache.AddPod(MakePod("a").Node("n1").Req({{"cpu", "1"}}).Info());
  CHECK_FALSE(cache.IsAssumed("uid-a"));
  CHECK(cache.HasPod("uid-a"));
  cache.UpdateSnapshot(snapshot);
  CHECK(snapshot.Get("n1")->pods().size() == 1);
  CHECK(snapshot.Get("n1")->requested().milli_cpu == 1000);
  CHECK(cache.Stats().assumed == 0);
}

TEST_CASE("Cache: a confirmation on another node moves the pod", "[cache]") {
  Cache cache;
  cache.AddNode(Node("n1"));
  cache.AddNode(Node("n2"));
  REQUIRE(cache.AssumePod(MakePod("a").Req({{"cpu", "1"}}).Info(), "n1").ok());
  cache.AddPod(MakePod("a").Node("n2").Req({{"cpu", "1"}}).Info());
  Snapshot snapshot;
  cache.UpdateSnapshot(snapshot);
  CHECK(snapshot.Get("n1")->requested().milli_cpu == 0);
  CHECK(snapshot.Get("n2")->requested().milli_cpu == 1000);
}

TEST_CASE("Cache: forgetting an assumed pod frees its resources", "[cache]") {
  Cache cache;
  cache.AddNode(Node("n1"));
  REQUIRE(cache.AssumePod(MakePod("a").Req({{"cpu", "1"}}).Info(), "n1").ok());
  REQUIRE(cache.ForgetPod("uid-a").ok());
  CHECK_FALSE(cache.HasPod("uid-a"));
  CHECK(cache.ForgetPod("uid-a").code() == absl::StatusCode::kNotFound);
  cache.AddPod(MakePod("b").Node("n1").Info());
  CHECK(cache.ForgetPod("uid-b").code() == absl::StatusCode::kFailedPrecondition);
  Snapshot snapshot;
  cache.UpdateSnapshot(snapshot);
  CHECK(snapshot.Get("n1")->requested().milli_cpu == 0);
}

TEST_CASE("Cache: assumed pods expire only after their binding finished", "[cache]") {
  FakeClock clock;
  Cache cache(absl::Seconds(30), clock.Func());
  cache.AddNode(Node("n1"));
  REQUIRE(cache.AssumePod(MakePod("a").Req({{"cpu", "1"}}).Info(), "n1").ok());
  REQUIRE(cache.AssumePod(MakePod("b").Req({{"cpu", "1"}}).Info(), "n1").ok());
  cache.FinishBinding("uid-a");
  clock.now += absl::Seconds(29);
  CHECK(cache.CleanupExpiredAssumedPods() == 0);
  clock.now += absl::Seconds(2);
  CHECK(cache.CleanupExpiredAssumedPods() == 1);
  CHECK_FALSE(cache.HasPod("uid-a"));
  CHECK(cache.HasPod("uid-b"));  // still binding: never expires
  Snapshot snapshot;
  cache.UpdateSnapshot(snapshot);
  CHECK(snapshot.Get("n1")->requested().milli_cpu == 1000);
}

TEST_CASE("Cache: pods on a node not seen yet, and node removal", "[cache]") {
  Cache cache;
  cache.AddPod(MakePod("a").Node("n1").Req({{"cpu", "1"}}).Info());
  Snapshot snapshot;
  cache.UpdateSnapshot(snapshot);
  CHECK(snapshot.nodes().empty());
  cache.AddNode(Node("n1"));
  cache.AddNode(Node("n0"));
  cache.UpdateSnapshot(snapshot);
  REQUIRE(snapshot.nodes().size() == 2);
  CHECK(snapshot.nodes()[0]->name() == "n0");  // sorted by name
  CHECK(snapshot.Get("n1")->requested().milli_cpu == 1000);
  cache.RemoveNode("n1");
  cache.UpdateSnapshot(snapshot);
  CHECK(snapshot.nodes().size() == 1);
  CHECK(snapshot.Get("n1") == nullptr);
  CHECK(cache.Stats().nodes == 1);
  CHECK(cache.Stats().pods == 1);
}

TEST_CASE("Cache: snapshots copy only what changed", "[cache]") {
  Cache cache;
  for (int i = 0; i < 5; ++i) cache.AddNode(Node("n" + std::to_string(i)));
  Snapshot snapshot;
  cache.UpdateSnapshot(snapshot);
  const framework::NodeInfo* n3 = snapshot.Get("n3");
  cache.AddPod(MakePod("a").Node("n3").Req({{"cpu", "1"}}).Info());
  cache.UpdateNode(MakeNode("n1").Capacity({{"cpu", "1"}}).Label("x", "y").Shared());
  cache.UpdateSnapshot(snapshot);
  CHECK(snapshot.Get("n3") == n3);  // updated in place
  CHECK(n3->requested().milli_cpu == 1000);
  CHECK(snapshot.Get("n1")->allocatable().milli_cpu == 1000);
  CHECK(snapshot.Get("n1")->node()->metadata().labels().at("x") == "y");
  CHECK(snapshot.nodes().size() == 5);
}

}  // namespace
}  // namespace kube::scheduler::cache
