// The node loops with every daemon running: a node whose kubelet stops becomes
// Unknown and tainted unreachable, its RC pods are evicted after their toleration
// and come back on the other node; nodeipam gives each node a pod CIDR.

#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "tests/integration/integration_helpers.h"
#include "tests/support/controller_manager_fixture.h"

namespace kube::testing {
namespace {

using k8s::core::v1::Node;
using k8s::core::v1::Pod;

std::string ReadyOf(const Node& node) {
  for (const auto& condition : node.status().conditions()) {
    if (condition.type() == "Ready") return condition.status();
  }
  return "";
}

bool HasTaint(const Node& node, const std::string& key, const std::string& effect) {
  for (const auto& taint : node.spec().taints()) {
    if (taint.key() == key && taint.effect() == effect) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("controller-manager: pods of a node whose kubelet stopped reappear on another node",
          "[controller-manager]") {
  REQUIRE_KUBECTL();
  // The kubelet renews its lease every 10 s, so the grace period must be longer.
  ControllerCluster cluster(2, {"--node-monitor-grace-period=15s"});
  cluster.RunKubectl({"create", "-f", "-"}, R"(apiVersion: v1
kind: ReplicationController
metadata: {name: music-db}
spec:
  replicas: 4
  selector: {app: music-db}
  template:
    metadata: {labels: {app: music-db}}
    spec:
      containers: [{name: es, image: busybox}]
      tolerations:
      - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 2}
      - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 2}
)");
  REQUIRE(cluster.WaitForActive("default", "app=music-db", 4));
  REQUIRE(cluster.WaitUntil([&] {
    for (const Pod& pod : cluster.ActivePods("default", "app=music-db")) {
      if (pod.spec().nodename().empty()) return false;
    }
    return true;
  }, absl::Seconds(30), "every pod is scheduled"));

  // Stop the kubelet of a node that runs some of them.
  std::string dead = cluster.ActivePods("default", "app=music-db").front().spec().nodename();
  const int dead_index = dead == "node-1" ? 0 : 1;
  const std::string alive = dead_index == 0 ? "node-2" : "node-1";
  cluster.kubelet(dead_index).Kill9();

  REQUIRE(cluster.WaitUntil([&] {
    auto node = cluster.client().Get<Node>("", dead);
    return node.ok() && ReadyOf(**node) == "Unknown" &&
           HasTaint(**node, "node.kubernetes.io/unreachable", "NoExecute") &&
           HasTaint(**node, "node.kubernetes.io/unreachable", "NoSchedule");
  }, absl::Seconds(60), "the node is Unknown and tainted unreachable"));
  CHECK(Contains(cluster.RunKubectl({"get", "node", dead, "--no-headers"}), "NotReady"));

  REQUIRE(cluster.WaitUntil([&] {
    std::vector<Pod> pods = cluster.ActivePods("default", "app=music-db");
    if (pods.size() != 4) return false;
    for (const Pod& pod : pods) {
      if (pod.spec().nodename() != alive) return false;
    }
    return true;
  }, absl::Seconds(60), "all 4 pods run on the live node"));
  // The live node is untouched.
  auto live = cluster.client().Get<Node>("", alive);
  REQUIRE(live.ok());
  CHECK(ReadyOf(**live) == "True");
  CHECK_FALSE(HasTaint(**live, "node.kubernetes.io/unreachable", "NoExecute"));
}

TEST_CASE("controller-manager: nodeipam gives every node its own pod CIDR",
          "[controller-manager]") {
  ControllerCluster cluster(2, {"--cluster-cidr=10.244.0.0/16"});
  std::set<std::string> cidrs;
  REQUIRE(cluster.WaitUntil([&] {
    cidrs.clear();
    auto nodes = cluster.client().List<Node>("");
    if (!nodes.ok() || nodes->items.size() != 2) return false;
    for (const auto& node : nodes->items) {
      if (node->spec().podcidr().empty()) return false;
      if (node->spec().podcidrs_size() != 1 || node->spec().podcidrs(0) != node->spec().podcidr()) {
        return false;
      }
      cidrs.insert(node->spec().podcidr());
    }
    return true;
  }, absl::Seconds(30), "both nodes have a pod CIDR"));
  REQUIRE(cidrs.size() == 2);
  for (const std::string& cidr : cidrs) {
    CHECK(cidr.rfind("10.244.", 0) == 0);
    CHECK(cidr.size() > 3);
    CHECK(cidr.substr(cidr.size() - 3) == "/24");
  }
}

TEST_CASE("controller-manager: pods of a deleted node are collected and replaced",
          "[controller-manager]") {
  REQUIRE_KUBECTL();
  ControllerCluster cluster(2, {"--pod-gc-period=1s"});
  cluster.RunKubectl({"create", "-f", "-"}, R"(apiVersion: v1
kind: ReplicationController
metadata: {name: web}
spec:
  replicas: 3
  selector: {app: web}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: busybox}]}
)");
  REQUIRE(cluster.WaitForActive("default", "app=web", 3));
  REQUIRE(cluster.WaitUntil([&] {
    for (const Pod& pod : cluster.ActivePods("default", "app=web")) {
      if (pod.spec().nodename().empty()) return false;
    }
    return true;
  }, absl::Seconds(30), "every pod is scheduled"));
  const std::string gone = cluster.ActivePods("default", "app=web").front().spec().nodename();
  const std::string kept = gone == "node-1" ? "node-2" : "node-1";
  cluster.kubelet(gone == "node-1" ? 0 : 1).Kill9();
  cluster.RunKubectl({"delete", "node", gone});

  REQUIRE(cluster.WaitUntil([&] {
    std::vector<Pod> all = cluster.Pods("default", "app=web");
    if (all.size() != 3) return false;  // the old ones are gone, not just terminating
    for (const Pod& pod : all) {
      if (pod.spec().nodename() != kept || !ActivePod(pod)) return false;
    }
    return true;
  }, absl::Seconds(60), "the deleted node's pods are gone and replaced on the other node"));
}

}  // namespace kube::testing
