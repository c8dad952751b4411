#include "scheduler/plugins/selector_spread.h"

#include <catch2/catch.hpp>

#include "scheduler/plugins/plugin_test_util.h"
#include "scheduler/testing/wrappers.h"

namespace kube::scheduler::plugins {
namespace {

using testing::MakeNode;
using testing::MakePod;

ServiceLister OneService(std::map<std::string, std::string> selector) {
  return [selector](const std::string& ns) {
    auto service = std::make_shared<k8s::core::v1::Service>();
    service->mutable_metadata()->set_name("svc");
    service->mutable_metadata()->set_namespace_("default");
    for (const auto& [k, v] : selector) (*service->mutable_spec()->mutable_selector())[k] = v;
    std::vector<std::shared_ptr<const k8s::core::v1::Service>> out;
    if (ns == "default") out.push_back(service);
    return out;
  };
}

TEST_CASE("SelectorSpread spreads a controller's pods", "[plugins]") {
  SelectorSpread plugin(nullptr);
  auto sibling = [](const std::string& name) { return MakePod(name).Owner("ReplicationController", "rc", "rc-uid").Obj(); };
  auto stranger = MakePod("x").Owner("ReplicationController", "other", "other-uid").Obj();
  auto pod = MakePod("p").Owner("ReplicationController", "rc", "rc-uid");
  std::vector<framework::NodeInfo> nodes = {
      MakeNode("a").Info({sibling("s1"), sibling("s2")}),
      MakeNode("b").Info({sibling("s3"), stranger}),
      MakeNode("c").Info({stranger}),
  };
  CHECK(RunScore(plugin, *pod.Info(), nodes) == std::vector<int64_t>{0, 50, 100});
  // A pod without controller or service is not spread.
  CHECK(RunScore(plugin, *MakePod("q").Info(), nodes) == std::vector<int64_t>{0, 0, 0});
}

TEST_CASE("SelectorSpread spreads a Service's pods", "[plugins]") {
  SelectorSpread plugin(OneService({{"app", "web"}}));
  auto web = [](const std::string& name) { return MakePod(name).Label("app", "web").Obj(); };
  std::vector<framework::NodeInfo> nodes = {
      MakeNode("a").Info({web("w1")}),
      MakeNode("b").Info({MakePod("db").Label("app", "db").Obj()}),
      MakeNode("c").Info({web("w2"), MakePod("w3").Label("app", "web").Namespace("other").Obj()}),
  };
  auto pod = MakePod("p").Label("app", "web");
  CHECK(RunScore(plugin, *pod.Info(), nodes) == std::vector<int64_t>{0, 100, 0});
}

TEST_CASE("SelectorSpread weighs zones", "[plugins]") {
  SelectorSpread plugin(nullptr);
  auto sibling = [](const std::string& name) { return MakePod(name).Owner("ReplicaSet", "rs", "rs-uid").Obj(); };
  auto pod = MakePod("p").Owner("ReplicaSet", "rs", "rs-uid");
  std::vector<framework::NodeInfo> nodes = {
      MakeNode("a").Label("topology.kubernetes.io/zone", "z1").Info({sibling("s1")}),
      MakeNode("b").Label("topology.kubernetes.io/zone", "z1").Info(),
      MakeNode("c").Label("topology.kubernetes.io/zone", "z2").Info(),
  };
  // Node score: a 0, b 100, c 100; zone score: z1 0, z2 100.
  // a: 0/3 + 0 = 0; b: 100/3 + 0 = 33; c: 100/3 + 200/3 = 100.
  CHECK(RunScore(plugin, *pod.Info(), nodes) == std::vector<int64_t>{0, 33, 100});
}

}  // namespace
}  // namespace kube::scheduler::plugins
