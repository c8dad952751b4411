#include "scheduler/plugins/registry.h"

#include <catch2/catch.hpp>

#include "scheduler/framework/parallelizer.h"
#include "scheduler/testing/wrappers.h"

namespace kube::scheduler::plugins {
namespace {

using testing::MakeNode;
using testing::MakePod;

TEST_CASE("The default profile builds and filters in upstream's order", "[plugins]") {
  auto profile = NewProfile(DefaultProfileSpec(), {});
  REQUIRE(profile.ok());
  auto pod = MakePod("p").Req({{"cpu", "8"}}).NodeSelector("zone", "a").Info();
  framework::CycleState state;
  REQUIRE((*profile)->RunPreFilter(state, *pod).ok());
  // A cordoned node with the wrong labels and too little cpu: the cordon is named.
  auto node = MakeNode("n").Capacity({{"cpu", "1"}, {"pods", "10"}}).Unschedulable();
  CHECK((*profile)->RunFilter(state, *pod, node.Info()).plugin() == "NodeUnschedulable");
  auto labelled = MakeNode("n").Capacity({{"cpu", "1"}, {"pods", "10"}});
  CHECK((*profile)->RunFilter(state, *pod, labelled.Info()).plugin() == "NodeAffinity");
  auto small = MakeNode("n").Capacity({{"cpu", "1"}, {"pods", "10"}}).Label("zone", "a");
  CHECK((*profile)->RunFilter(state, *pod, small.Info()).plugin() == "NodeResourcesFit");
}

TEST_CASE("Unknown plugins are rejected", "[plugins]") {
  framework::ProfileSpec spec = DefaultProfileSpec();
  spec.scores.push_back({"ImageLocality", 1});
  CHECK_FALSE(NewProfile(spec, {}).ok());
}

TEST_CASE("Every registered plugin builds", "[plugins]") {
  for (const RegistryEntry& entry : InTreeRegistry()) {
    INFO(entry.name);
    auto plugin = entry.factory({});
    REQUIRE(plugin != nullptr);
    CHECK(plugin->Name() == entry.name);
  }
}

}  // namespace
}  // namespace kube::scheduler::plugins
