#include "scheduler/plugins/taint_toleration.h"

#include <catch2/catch.hpp>

#include "scheduler/plugins/plugin_test_util.h"
#include "common/api/tolerations.h"
#include "scheduler/testing/wrappers.h"

namespace kube::scheduler::plugins {
namespace {

using testing::MakeNode;
using testing::MakePod;

TEST_CASE("TaintToleration filter", "[plugins]") {
  struct Case {
    const char* name;
    testing::PodWrapper pod;
    testing::NodeWrapper node;
    std::string reason;  // "" fits
  };
  std::vector<Case> cases = {
      {"no taints", MakePod("p"), MakeNode("n"), ""},
      {"NoSchedule untolerated", MakePod("p"), MakeNode("n").Taint("dedicated", "gpu", "NoSchedule"),
       "node(s) had untolerated taint {dedicated: gpu}"},
      {"NoExecute untolerated", MakePod("p"), MakeNode("n").Taint("k", "v", "NoExecute"),
       "node(s) had untolerated taint {k: v}"},
      {"PreferNoSchedule is not a filter", MakePod("p"), MakeNode("n").Taint("k", "v", "PreferNoSchedule"), ""},
      {"Equal toleration", MakePod("p").Toleration("dedicated", "Equal", "gpu", "NoSchedule"),
       MakeNode("n").Taint("dedicated", "gpu", "NoSchedule"), ""},
      {"default operator is Equal", MakePod("p").Toleration("dedicated", "", "gpu", "NoSchedule"),
       MakeNode("n").Taint("dedicated", "gpu", "NoSchedule"), ""},
      {"Equal with another value", MakePod("p").Toleration("dedicated", "Equal", "cpu", "NoSchedule"),
       MakeNode("n").Taint("dedicated", "gpu", "NoSchedule"), "node(s) had untolerated taint {dedicated: gpu}"},
      {"Exists toleration", MakePod("p").Toleration("dedicated", "Exists", "", "NoSchedule"),
       MakeNode("n").Taint("dedicated", "gpu", "NoSchedule"), ""},
      {"empty effect tolerates all effects", MakePod("p").Toleration("dedicated", "Exists", "", ""),
       MakeNode("n").Taint("dedicated", "gpu", "NoExecute"), ""},
      {"other effect", MakePod("p").Toleration("dedicated", "Exists", "", "NoExecute"),
       MakeNode("n").Taint("dedicated", "gpu", "NoSchedule"), "node(s) had untolerated taint {dedicated: gpu}"},
      {"empty key with Exists tolerates everything", MakePod("p").Toleration("", "Exists", "", ""),
       MakeNode("n").Taint("a", "1", "NoSchedule").Taint("b", "2", "NoExecute"), ""},
      {"second taint untolerated", MakePod("p").Toleration("a", "Exists", "", ""),
       MakeNode("n").Taint("a", "1", "NoSchedule").Taint("b", "2", "NoExecute"),
       "node(s) had untolerated taint {b: 2}"},
  };
  TaintToleration plugin;
  for (const Case& c : cases) {
    INFO(c.name);
    framework::PluginStatus status = RunFilter(plugin, *c.pod.Info(), c.node.Info());
    CHECK(status.ok() == c.reason.empty());
    if (!c.reason.empty()) {
      CHECK(status.code() == framework::Code::kUnschedulableAndUnresolvable);
      CHECK(status.Message() == c.reason);
    }
  }
}

TEST_CASE("TaintToleration scores PreferNoSchedule", "[plugins]") {
  TaintToleration plugin;
  auto clean = MakeNode("a");
  auto one = MakeNode("b").Taint("x", "1", "PreferNoSchedule");
  auto two = MakeNode("c").Taint("x", "1", "PreferNoSchedule").Taint("y", "1", "PreferNoSchedule");
  CHECK(RunScore(plugin, *MakePod("p").Info(), {clean.Info(), one.Info(), two.Info()}) ==
        std::vector<int64_t>{100, 50, 0});
  auto tolerant = MakePod("p").Toleration("x", "Exists", "", "PreferNoSchedule");
  CHECK(RunScore(plugin, *tolerant.Info(), {clean.Info(), one.Info(), two.Info()}) ==
        std::vector<int64_t>{100, 100, 0});
  // A NoSchedule-only toleration does not count for PreferNoSchedule.
  auto wrong_effect = MakePod("p").Toleration("x", "Exists", "", "NoSchedule");
  CHECK(RunScore(plugin, *wrong_effect.Info(), {clean.Info(), one.Info()}) ==
        std::vector<int64_t>{100, 0});
}

}  // namespace
}  // namespace kube::scheduler::plugins
