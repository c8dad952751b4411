#include "scheduler/plugins/balanced_allocation.h"

#include <catch2/catch.hpp>

#include "scheduler/plugins/plugin_test_util.h"
#include "scheduler/testing/wrappers.h"

namespace kube::scheduler::plugins {
namespace {

using testing::MakeNode;
using testing::MakePod;

TEST_CASE("BalancedAllocation", "[plugins]") {
  BalancedAllocation plugin;
  // upstream's balanced_allocation_test: cpu 3000/4000 and memory 5000/10000:
  // |0.75 - 0.5| / 2 = 0.125 -> 87; on the 6000m node cpu 0.5 = memory 0.5 -> 100.
  auto pod = MakePod("p").Req({{"cpu", "1"}, {"memory", "2000"}}).Req({{"cpu", "2"}, {"memory", "3000"}});
  auto a = MakeNode("a").Capacity({{"cpu", "4"}, {"memory", "10000"}, {"pods", "10"}});
  auto b = MakeNode("b").Capacity({{"cpu", "6"}, {"memory", "10000"}, {"pods", "10"}});
  CHECK(RunScore(plugin, *pod.Info(), {a.Info(), b.Info()}) == std::vector<int64_t>{87, 100});
  // Overcommitted resources count as fully used.
  auto tiny = MakeNode("c").Capacity({{"cpu", "1"}, {"memory", "10000"}, {"pods", "10"}});
  CHECK(RunScore(plugin, *pod.Info(), {tiny.Info()}) == std::vector<int64_t>{75});
}

}  // namespace
}  // namespace kube::scheduler::plugins
