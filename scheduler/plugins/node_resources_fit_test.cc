#include "scheduler/plugins/node_resources_fit.h"

#include <catch2/catch.hpp>

#include "scheduler/plugins/plugin_test_util.h"
#include "scheduler/testing/wrappers.h"

namespace kube::scheduler::plugins {
namespace {

using testing::MakeNode;
using testing::MakePod;

testing::NodeWrapper Node() {
  return MakeNode("n").Capacity(
      {{"cpu", "10"}, {"memory", "20"}, {"pods", "32"}, {"example.com/gpu", "2"}});
}

TEST_CASE("NodeResourcesFit filter", "[plugins]") {
  struct Case {
    const char* name;
    testing::PodWrapper pod;
    std::vector<k8s::core::v1::Pod> existing;
    std::vector<std::string> reasons;  // empty: fits
  };
  const auto used = MakePod("used").Req({{"cpu", "5"}, {"memory", "19"}}).Obj();
  std::vector<Case> cases = {
      {"no requests", MakePod("p"), {used}, {}},
      {"fits", MakePod("p").Req({{"cpu", "5"}, {"memory", "1"}}), {used}, {}},
      {"too much cpu", MakePod("p").Req({{"cpu", "6"}, {"memory", "1"}}), {used}, {"Insufficient cpu"}},
      {"too much of both", MakePod("p").Req({{"cpu", "6"}, {"memory", "2"}}), {used},
       {"Insufficient cpu", "Insufficient memory"}},
      {"init container counts", MakePod("p").Req({{"cpu", "1"}}).InitReq({{"cpu", "6"}}), {used},
       {"Insufficient cpu"}},
      {"init container below app", MakePod("p").Req({{"cpu", "3"}}).InitReq({{"cpu", "5"}}), {used}, {}},
      {"overhead counts", MakePod("p").Req({{"cpu", "5"}}).Overhead({{"cpu", "1"}}), {used},
       {"Insufficient cpu"}},
      {"extended resource fits", MakePod("p").Req({{"example.com/gpu", "2"}}), {}, {}},
      {"extended resource short", MakePod("p").Req({{"example.com/gpu", "3"}}), {},
       {"Insufficient example.com/gpu"}},
      {"unknown extended resource", MakePod("p").Req({{"example.com/fpga", "1"}}), {},
       {"Insufficient example.com/fpga"}},
  };
  NodeResourcesFit plugin;
  for (const Case& c : cases) {
    INFO(c.name);
    framework::PluginStatus status = RunFilter(plugin, *c.pod.Info(), Node().Info(c.existing));
    CHECK(status.reasons() == c.reasons);
    if (!c.reasons.empty()) CHECK(status.code() == framework::Code::kUnschedulable);
  }
}

TEST_CASE("NodeResourcesFit counts pods", "[plugins]") {
  NodeResourcesFit plugin;
  auto node = MakeNode("n").Capacity({{"cpu", "1"}, {"pods", "1"}});
  CHECK(RunFilter(plugin, *MakePod("p").Info(), node.Info()).ok());
  CHECK(RunFilter(plugin, *MakePod("p").Info(), node.Info({MakePod("a").Obj()})).reasons() ==
        std::vector<std::string>{"Too many pods"});
}

TEST_CASE("NodeResourcesFit scores least allocated", "[plugins]") {
  NodeResourcesFit plugin;
  // upstream's least_allocated_test: "nothing scheduled, resources requested,
  // differently sized nodes": cpu 3000m/4000m, memory 5000/10000 -> (25 + 50) / 2.
  auto pod = MakePod("p").Req({{"cpu", "1"}, {"memory", "2000"}}).Req({{"cpu", "2"}, {"memory", "3000"}});
  auto small = MakeNode("a").Capacity({{"cpu", "4"}, {"memory", "10000"}, {"pods", "10"}});
  auto big = MakeNode("b").Capacity({{"cpu", "6"}, {"memory", "10000"}, {"pods", "10"}});
  std::vector<int64_t> scores = RunScore(plugin, *pod.Info(), {small.Info(), big.Info()});
  CHECK(scores == std::vector<int64_t>{37, 50});
}

}  // namespace
}  // namespace kube::scheduler::plugins
