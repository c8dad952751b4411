#include "scheduler/plugins/node_affinity.h"

#include <catch2/catch.hpp>

#include "scheduler/plugins/plugin_test_util.h"
#include "scheduler/testing/wrappers.h"

namespace kube::scheduler::plugins {
namespace {

using testing::Expr;
using testing::MakeNode;
using testing::MakePod;

TEST_CASE("NodeAffinity filter", "[plugins]") {
  struct Case {
    const char* name;
    testing::PodWrapper pod;
    bool fits;
  };
  // The node: labels zone=a, gpu=4, kubernetes.io/hostname=n1; name n1.
  std::vector<Case> cases = {
      {"nothing asked", MakePod("p"), true},
      {"nodeSelector matches", MakePod("p").NodeSelector("zone", "a"), true},
      {"nodeSelector value differs", MakePod("p").NodeSelector("zone", "b"), false},
      {"nodeSelector key missing", MakePod("p").NodeSelector("disk", "ssd"), false},
      {"In", MakePod("p").RequiredTerm({Expr("zone", "In", {"a", "b"})}), true},
      {"In misses", MakePod("p").RequiredTerm({Expr("zone", "In", {"b"})}), false},
      {"NotIn", MakePod("p").RequiredTerm({Expr("zone", "NotIn", {"b"})}), true},
      {"NotIn misses", MakePod("p").RequiredTerm({Expr("zone", "NotIn", {"a"})}), false},
      {"Exists", MakePod("p").RequiredTerm({Expr("gpu", "Exists")}), true},
      {"Exists misses", MakePod("p").RequiredTerm({Expr("disk", "Exists")}), false},
      {"DoesNotExist", MakePod("p").RequiredTerm({Expr("disk", "DoesNotExist")}), true},
      {"DoesNotExist misses", MakePod("p").RequiredTerm({Expr("gpu", "DoesNotExist")}), false},
      {"Gt", MakePod("p").RequiredTerm({Expr("gpu", "Gt", {"3"})}), true},
      {"Gt misses", MakePod("p").RequiredTerm({Expr("gpu", "Gt", {"4"})}), false},
      {"Lt", MakePod("p").RequiredTerm({Expr("gpu", "Lt", {"5"})}), true},
      {"Lt misses", MakePod("p").RequiredTerm({Expr("gpu", "Lt", {"4"})}), false},
      {"Gt on a non-number", MakePod("p").RequiredTerm({Expr("zone", "Gt", {"1"})}), false},
      {"expressions are ANDed", MakePod("p").RequiredTerm({Expr("zone", "In", {"a"}), Expr("disk", "Exists")}), false},
      {"terms are ORed", MakePod("p").RequiredTerm({Expr("disk", "Exists")}).RequiredTerm({Expr("zone", "In", {"a"})}), true},
      {"empty term matches nothing", MakePod("p").RequiredTerm({}), false},
      {"bad operator", MakePod("p").RequiredTerm({Expr("zone", "Near", {"a"})}), false},
      {"matchFields In", MakePod("p").RequiredTerm({}, {Expr("metadata.name", "In", {"n1"})}), true},
      {"matchFields In misses", MakePod("p").RequiredTerm({}, {Expr("metadata.name", "In", {"n2"})}), false},
      {"matchFields NotIn", MakePod("p").RequiredTerm({}, {Expr("metadata.name", "NotIn", {"n2"})}), true},
      {"matchFields bad key", MakePod("p").RequiredTerm({}, {Expr("metadata.uid", "In", {"n1"})}), false},
      {"selector and affinity both needed",
       MakePod("p").NodeSelector("zone", "b").RequiredTerm({Expr("zone", "In", {"a"})}), false},
  };
  auto node = MakeNode("n1").Label("zone", "a").Label("gpu", "4");
  NodeAffinity plugin;
  for (const Case& c : cases) {
    INFO(c.name);
    framework::PluginStatus status = RunFilter(plugin, *c.pod.Info(), node.Info());
    CHECK(status.ok() == c.fits);
    if (!c.fits) {
      CHECK(status.code() == framework::Code::kUnschedulableAndUnresolvable);
      CHECK(status.Message() == "node(s) didn't match Pod's node affinity/selector");
    }
  }
}

TEST_CASE("NodeAffinity scores preferred terms", "[plugins]") {
  NodeAffinity plugin;
  auto pod = MakePod("p")
                 .PreferredTerm(2, {Expr("zone", "In", {"a"})})
                 .PreferredTerm(8, {Expr("disk", "In", {"ssd"})});
  auto a = MakeNode("a").Label("zone", "a");
  auto both = MakeNode("b").Label("zone", "a").Label("disk", "ssd");
  auto none = MakeNode("c");
  CHECK(RunScore(plugin, *pod.Info(), {a.Info(), both.Info(), none.Info()}) ==
        std::vector<int64_t>{20, 100, 0});
  // No preferred terms: skipped.
  CHECK(RunScore(plugin, *MakePod("q").Info(), {a.Info()}) == std::vector<int64_t>{0});
}

}  // namespace
}  // namespace kube::scheduler::plugins
