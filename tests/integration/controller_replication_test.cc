// kube-controller-manager's replication loop with every daemon running: the talk's
// music-db RC keeps its 4 pods, follows kubectl scale, and two RCs scaled against
// each other roll `backend` from v1.2 to v1.3 without dropping below 4 pods.

#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "tests/integration/integration_helpers.h"
#include "tests/support/controller_manager_fixture.h"

namespace kube::testing {
namespace {

using k8s::core::v1::Pod;
using k8s::core::v1::ReplicationController;

std::set<std::string> Names(const std::vector<Pod>& pods) {
  std::set<std::string> names;
  for (const auto& pod : pods) names.insert(pod.metadata().name());
  return names;
}

}  // namespace

TEST_CASE("controller-manager: the music-db RC keeps 4 pods and follows kubectl scale",
          "[controller-manager]") {
  REQUIRE_KUBECTL();
  ControllerCluster cluster;
  cluster.RunKubectl({"create", "namespace", "mytunes"});
  cluster.RunKubectl({"create", "-f", Example("music-db.yaml")});
  REQUIRE(cluster.WaitForActive("mytunes", "app=music-db", 4));

  auto rc = cluster.client().Get<ReplicationController>("mytunes", "music-db");
  REQUIRE(rc.ok());
  for (const Pod& pod : cluster.ActivePods("mytunes", "app=music-db")) {
    REQUIRE(pod.metadata().ownerreferences_size() == 1);
    const auto& ref = pod.metadata().ownerreferences(0);
    CHECK(ref.kind() == "ReplicationController");
    CHECK(ref.apiversion() == "v1");
    CHECK(ref.name() == "music-db");
    CHECK(ref.uid() == (*rc)->metadata().uid());
    CHECK(ref.controller());
    CHECK(ref.blockownerdeletion());
  }

  // Status through the status subresource, as `kubectl get rc` shows it.
  REQUIRE(cluster.WaitUntil([&] {
    auto current = cluster.client().Get<ReplicationController>("mytunes", "music-db");
    return current.ok() && (*current)->status().replicas() == 4 &&
           (*current)->status().readyreplicas() == 4 &&
           (*current)->status().availablereplicas() == 4 &&
           (*current)->status().fullylabeledreplicas() == 4 &&
           (*current)->status().observedgeneration() == (*current)->metadata().generation();
  }, absl::Seconds(30), "the RC's status shows 4 ready replicas"));
  std::string table = cluster.RunKubectl({"get", "rc", "music-db", "-n", "mytunes", "--no-headers"});
  CHECK(Contains(table, "music-db"));

  // Delete one: it is replaced by a new pod.
  std::vector<Pod> before = cluster.ActivePods("mytunes", "app=music-db");
  const std::string victim = before.front().metadata().name();
  cluster.RunKubectl({"delete", "pod", victim, "-n", "mytunes", "--wait=false"});
  REQUIRE(cluster.WaitUntil([&] {
    std::vector<Pod> now = cluster.ActivePods("mytunes", "app=music-db");
    return now.size() == 4 && Names(now).count(victim) == 0;
  }, absl::Seconds(30), "the deleted pod is replaced"));
  REQUIRE(cluster.WaitForActive("mytunes", "app=music-db", 4));

  cluster.RunKubectl({"scale", "rc", "music-db", "-n", "mytunes", "--replicas=2"});
  REQUIRE(cluster.WaitForActive("mytunes", "app=music-db", 2));
  cluster.RunKubectl({"scale", "rc", "music-db", "-n", "mytunes", "--replicas=6"});
  REQUIRE(cluster.WaitForActive("mytunes", "app=music-db", 6));

  // The Service's Endpoints list the 6 pods on the port named `es`.
  REQUIRE(cluster.WaitUntil([&] {
    auto endpoints = cluster.client().Get<k8s::core::v1::Endpoints>("mytunes", "music-db");
    if (!endpoints.ok() || (*endpoints)->subsets_size() != 1) return false;
    const auto& subset = (*endpoints)->subsets(0);
    return subset.addresses_size() == 6 && subset.ports_size() == 1 &&
           subset.ports(0).port() == 9200 && subset.ports(0).name() == "db";
  }, absl::Seconds(30), "the music-db Endpoints list 6 ready pods on port 9200"));
}

TEST_CASE("controller-manager: a rolling upgrade by scaling two RCs keeps 4 pods",
          "[controller-manager]") {
  REQUIRE_KUBECTL();
  ControllerCluster cluster;
  cluster.RunKubectl({"create", "-f", Example("rolling-upgrade.yaml")});
  REQUIRE(cluster.WaitForActive("default", "app=backend,version=v1.2", 4));
  REQUIRE(cluster.WaitUntil([&] {
    int ready = 0;
    for (const Pod& pod : cluster.ActivePods("default", "app=backend")) ready += ReadyPod(pod);
    return ready == 4;
  }, absl::Seconds(30), "4 backend pods are ready"));

  for (int step = 1; step <= 4; ++step) {
    INFO("step " << step);
    cluster.RunKubectl({"scale", "rc", "backend-v1.3", "--replicas=" + std::to_string(step)});
    REQUIRE(cluster.WaitForActive("default", "app=backend,version=v1.3", step));
    REQUIRE(cluster.WaitUntil([&] {
      int ready = 0;
      for (const Pod& pod : cluster.ActivePods("default", "app=backend,version=v1.3")) {
        ready += ReadyPod(pod);
      }
      return ready == step;
    }, absl::Seconds(30), "the new pods are ready"));
    // Only now does the old RC give up a pod: 4 stay ready throughout.
    int ready = 0;
    for (const Pod& pod : cluster.ActivePods("default", "app=backend")) ready += ReadyPod(pod);
    CHECK(ready >= 4);
    cluster.RunKubectl({"scale", "rc", "backend-v1.2", "--replicas=" + std::to_string(4 - step)});
    REQUIRE(cluster.WaitForActive("default", "app=backend,version=v1.2", 4 - step));
    CHECK(cluster.CountActive("default", "app=backend") == 4);
  }
  CHECK(cluster.CountActive("default", "app=backend,version=v1.3") == 4);
}

TEST_CASE("controller-manager: an RC adopts matching orphans and releases relabelled pods",
          "[controller-manager]") {
  REQUIRE_KUBECTL();
  ControllerCluster cluster;
  cluster.RunKubectl({"run", "stray", "--image=busybox", "--labels=app=adopt", "--restart=Never"});
  REQUIRE(cluster.WaitUntil([&] { return cluster.CountActive("default", "app=adopt") == 1; },
                            absl::Seconds(10), "the stray pod exists"));
  // Give the controller manager's pod cache a moment: an RC synced before it sees
  // the stray would make two pods, adopt the stray too and delete one of three.
  absl::SleepFor(absl::Milliseconds(500));
  cluster.RunKubectl({"create", "-f", "-"}, R"(apiVersion: v1
kind: ReplicationController
metadata: {name: adopter}
spec:
  replicas: 2
  selector: {app: adopt}
  template:
    metadata: {labels: {app: adopt}}
    spec: {containers: [{name: app, image: busybox}]}
)");
  REQUIRE(cluster.WaitForActive("default", "app=adopt", 2));
  REQUIRE(cluster.WaitUntil([&] {
    auto stray = cluster.client().Get<Pod>("default", "stray");
    return stray.ok() && (*stray)->metadata().ownerreferences_size() == 1 &&
           (*stray)->metadata().ownerreferences(0).name() == "adopter";
  }, absl::Seconds(30), "the stray pod is adopted"));

  // A relabelled pod leaves the RC, which makes a new one.
  cluster.RunKubectl({"label", "pod", "stray", "app=elsewhere", "--overwrite"});
  REQUIRE(cluster.WaitUntil([&] {
    auto stray = cluster.client().Get<Pod>("default", "stray");
    return stray.ok() && (*stray)->metadata().ownerreferences_size() == 0;
  }, absl::Seconds(30), "the relabelled pod is released"));
  REQUIRE(cluster.WaitForActive("default", "app=adopt", 2));
  CHECK(cluster.CountActive("default", "app=elsewhere") == 1);
}

}  // namespace kube::testing
