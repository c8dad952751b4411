#include "scheduler/plugins/node_unschedulable.h"

#include <catch2/catch.hpp>

#include "scheduler/plugins/plugin_test_util.h"
#include "scheduler/testing/wrappers.h"

namespace kube::scheduler::plugins {
namespace {

using testing::MakeNode;
using testing::MakePod;

TEST_CASE("NodeUnschedulable", "[plugins]") {
  struct Case {
    const char* name;
    testing::PodWrapper pod;
    testing::NodeWrapper node;
    framework::Code want;
  };
  std::vector<Case> cases = {
      {"schedulable node", MakePod("p"), MakeNode("n"), framework::Code::kSuccess},
      {"cordoned node", MakePod("p"), MakeNode("n").Unschedulable(),
       framework::Code::kUnschedulableAndUnresolvable},
      {"tolerated cordon", MakePod("p").Toleration("node.kubernetes.io/unschedulable", "Exists", "", "NoSchedule"),
       MakeNode("n").Unschedulable(), framework::Code::kSuccess},
      {"toleration of everything", MakePod("p").Toleration("", "Exists", "", ""),
       MakeNode("n").Unschedulable(), framework::Code::kSuccess},
      {"other toleration", MakePod("p").Toleration("foo", "Exists", "", "NoSchedule"),
       MakeNode("n").Unschedulable(), framework::Code::kUnschedulableAndUnresolvable},
  };
  NodeUnschedulable plugin;
  for (const Case& c : cases) {
    INFO(c.name);
    framework::PluginStatus status = RunFilter(plugin, *c.pod.Info(), c.node.Info());
    CHECK(status.code() == c.want);
    if (!status.ok()) CHECK(status.Message() == "node(s) were unschedulable");
  }
}

}  // namespace
}  // namespace kube::scheduler::plugins
