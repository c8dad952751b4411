#include "scheduler/core/algorithm.h"

#include <set>

#include <catch2/catch.hpp>

#include "scheduler/cache/cache.h"
#include "scheduler/plugins/registry.h"
#include "scheduler/testing/wrappers.h"

namespace kube::scheduler::core {
namespace {

using testing::MakeNode;
using testing::MakePod;

std::unique_ptr<framework::Profile> DefaultProfile() {
  auto profile = plugins::NewProfile(plugins::DefaultProfileSpec(), {});
  REQUIRE(profile.ok());
  return std::move(*profile);
}

TEST_CASE("NumFeasibleNodesToFind follows upstream", "[core]") {
  CHECK(Algorithm::NumFeasibleNodesToFind(0, 50) == 50);
  CHECK(Algorithm::NumFeasibleNodesToFind(0, 500) == 230);    // 46%
  CHECK(Algorithm::NumFeasibleNodesToFind(0, 5000) == 500);   // 10%
  CHECK(Algorithm::NumFeasibleNodesToFind(0, 6000) == 300);   // floor of 5%
  CHECK(Algorithm::NumFeasibleNodesToFind(0, 150) == 100);    // never below 100
  CHECK(Algorithm::NumFeasibleNodesToFind(100, 5000) == 5000);
  CHECK(Algorithm::NumFeasibleNodesToFind(20, 5000) == 1000);
}

TEST_CASE("Algorithm picks the node with the most room", "[core]") {
  auto profile = DefaultProfile();
  framework::Parallelizer parallelizer(2);
  Algorithm algorithm(*profile, parallelizer, 0, 1);
  cache::Cache cache;
  cache.AddNode(testing::MakeSizedNode("busy").Shared());
  cache.AddNode(testing::MakeSizedNode("idle").Shared());
  cache.AddPod(MakePod("x").Node("busy").Req({{"cpu", "3"}}).Info());
  cache::Snapshot snapshot;
  cache.UpdateSnapshot(snapshot);
  ScheduleResult result = algorithm.Schedule(*MakePod("p").Req({{"cpu", "500m"}}).Info(), snapshot);
  CHECK(result.outcome == ScheduleResult::Outcome::kScheduled);
  CHECK(result.node == "idle");
  CHECK(result.feasible_nodes == 2);
}

TEST_CASE("Algorithm explains why nothing fits", "[core]") {
  auto profile = DefaultProfile();
  framework::Parallelizer parallelizer(2);
  Algorithm algorithm(*profile, parallelizer, 0, 1);
  cache::Cache cache;
  cache.AddNode(testing::MakeSizedNode("a", "1").Label("zone", "x").Shared());
  cache.AddNode(testing::MakeSizedNode("b", "1").Label("zone", "x").Shared());
  cache.AddNode(testing::MakeSizedNode("c", "8").Shared());
  cache::Snapshot snapshot;
  cache.UpdateSnapshot(snapshot);
  ScheduleResult result =
      algorithm.Schedule(*MakePod("p").Req({{"cpu", "2"}}).NodeSelector("zone", "x").Info(), snapshot);
  CHECK(result.outcome == ScheduleResult::Outcome::kUnschedulable);
  CHECK(result.message ==
        "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, "
        "2 Insufficient cpu.");
  cache::Snapshot empty;
  CHECK(algorithm.Schedule(*MakePod("p").Info(), empty).message == "no nodes available to schedule pods");
}

TEST_CASE("Algorithm samples nodes and breaks ties at random", "[core]") {
  auto profile = DefaultProfile();
  framework::Parallelizer parallelizer(2);
  Algorithm algorithm(*profile, parallelizer, 0, 7);
  cache::Cache cache;
  for (int i = 0; i < 1000; ++i) cache.AddNode(testing::MakeSizedNode("n" + std::to_string(i)).Shared());
  cache::Snapshot snapshot;
  cache.UpdateSnapshot(snapshot);
  std::set<std::string> chosen;
  for (int i = 0; i < 20; ++i) {
    ScheduleResult result = algorithm.Schedule(*MakePod("p").Info(), snapshot);
    REQUIRE(result.outcome == ScheduleResult::Outcome::kScheduled);
    // 1000 nodes: 50 - 8 = 42% of them are enough.
    CHECK(result.feasible_nodes == 420);
    CHECK(result.evaluated_nodes >= 420);
    CHECK(result.evaluated_nodes < 500);
    chosen.insert(result.node);
  }
  CHECK(chosen.size() > 10);  // equal nodes: spread by the random tie break and the rotation
}

}  // namespace
}  // namespace kube::scheduler::core
