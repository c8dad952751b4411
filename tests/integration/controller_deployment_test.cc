// The deployment loop with every daemon running: an image change rolls out with
// `kubectl rollout status` succeeding, `rollout undo` goes back, and Recreate
// replaces every pod.

#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "tests/integration/integration_helpers.h"
#include "k8s/apps/v1/apps.pb.h"
#include "tests/support/controller_manager_fixture.h"

namespace kube::testing {
namespace {

using k8s::core::v1::Pod;

std::set<std::string> Images(const std::vector<Pod>& pods) {
  std::set<std::string> images;
  for (const Pod& pod : pods) images.insert(pod.spec().containers(0).image());
  return images;
}

void RolloutStatus(ControllerCluster& cluster, const std::string& deployment) {
  CommandResult status = cluster.kubectl().Run(
      {"rollout", "status", "deployment/" + deployment, "--timeout=90s"}, "", absl::Seconds(100));
  INFO("rollout status: " << status.out << status.err);
  if (status.exit_code != 0) UNSCOPED_INFO("kcm log:\n" << cluster.controller_manager().LogTail());
  REQUIRE(status.exit_code == 0);
  CHECK(Contains(status.out, "successfully rolled out"));
}

}  // namespace

TEST_CASE("controller-manager: a Deployment rolls out an image change and rolls back",
          "[controller-manager]") {
  REQUIRE_KUBECTL();
  ControllerCluster cluster;
  cluster.RunKubectl({"create", "deployment", "web", "--image=busybox:1.0", "--replicas=3"});
  RolloutStatus(cluster, "web");
  REQUIRE(cluster.WaitForActive("default", "app=web", 3));
  CHECK(Images(cluster.ActivePods("default", "app=web")) == std::set<std::string>{"busybox:1.0"});

  cluster.RunKubectl({"set", "image", "deployment/web", "busybox=busybox:1.1"});
  RolloutStatus(cluster, "web");
  REQUIRE(cluster.WaitUntil([&] {
    auto pods = cluster.ActivePods("default", "app=web");
    return pods.size() == 3 && Images(pods) == std::set<std::string>{"busybox:1.1"};
  }, absl::Seconds(60), "3 pods run the new image"));
  std::string history = cluster.RunKubectl({"rollout", "history", "deployment/web"});
  CHECK(Contains(history, "1 "));
  CHECK(Contains(history, "2 "));
  auto replica_sets = cluster.client().List<k8s::apps::v1::ReplicaSet>("default");
  REQUIRE(replica_sets.ok());
  CHECK(replica_sets->items.size() == 2);

  cluster.RunKubectl({"rollout", "undo", "deployment/web"});
  RolloutStatus(cluster, "web");
  REQUIRE(cluster.WaitUntil([&] {
    auto pods = cluster.ActivePods("default", "app=web");
    return pods.size() == 3 && Images(pods) == std::set<std::string>{"busybox:1.0"};
  }, absl::Seconds(60), "the rollback brings the old image back"));
  auto deployment = cluster.client().Get<k8s::apps::v1::Deployment>("default", "web");
  REQUIRE(deployment.ok());
  CHECK((*deployment)->metadata().annotations().at("deployment.kubernetes.io/revision") == "3");
  CHECK((*deployment)->status().updatedreplicas() == 3);
  CHECK((*deployment)->status().availablereplicas() == 3);

  // Paused, a template change waits; resumed, it rolls out.
  cluster.RunKubectl({"rollout", "pause", "deployment/web"});
  cluster.RunKubectl({"set", "image", "deployment/web", "busybox=busybox:1.2"});
  absl::SleepFor(absl::Seconds(2));
  CHECK(Images(cluster.ActivePods("default", "app=web")) == std::set<std::string>{"busybox:1.0"});
  cluster.RunKubectl({"rollout", "resume", "deployment/web"});
  RolloutStatus(cluster, "web");
  REQUIRE(cluster.WaitUntil([&] {
    auto pods = cluster.ActivePods("default", "app=web");
    return pods.size() == 3 && Images(pods) == std::set<std::string>{"busybox:1.2"};
  }, absl::Seconds(60), "the resumed rollout brings the newest image"));

  // Deleting it takes its ReplicaSets and their pods along (garbage collection
  // through two levels of owners).
  cluster.RunKubectl({"delete", "deployment", "web", "--wait=false"});
  REQUIRE(cluster.WaitUntil([&] {
    auto sets = cluster.client().List<k8s::apps::v1::ReplicaSet>("default");
    return sets.ok() && sets->items.empty() && cluster.Pods("default", "app=web").empty();
  }, absl::Seconds(60), "the ReplicaSets and pods are gone with the Deployment"));
}

TEST_CASE("controller-manager: a Recreate Deployment replaces every pod", "[controller-manager]") {
  REQUIRE_KUBECTL();
  ControllerCluster cluster;
  cluster.RunKubectl({"create", "-f", "-"}, R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: batch}
spec:
  replicas: 2
  strategy: {type: Recreate}
  selector: {matchLabels: {app: batch}}
  template:
    metadata: {labels: {app: batch}}
    spec: {containers: [{name: app, image: "busybox:1.0"}]}
)");
  RolloutStatus(cluster, "batch");
  cluster.RunKubectl({"set", "image", "deployment/batch", "app=busybox:1.1"});
  RolloutStatus(cluster, "batch");
  REQUIRE(cluster.WaitUntil([&] {
    auto pods = cluster.ActivePods("default", "app=batch");
    return pods.size() == 2 && Images(pods) == std::set<std::string>{"busybox:1.1"};
  }, absl::Seconds(60), "2 pods run the new image"));

  // Orphaned, then made again: the new Deployment adopts the ReplicaSets.
  cluster.RunKubectl({"delete", "deployment", "batch", "--cascade=orphan"});
  REQUIRE(cluster.WaitUntil([&] {
    auto sets = cluster.client().List<k8s::apps::v1::ReplicaSet>("default");
    if (!sets.ok() || sets->items.size() != 2) return false;
    for (const auto& rs : sets->items) {
      if (rs->metadata().ownerreferences_size() != 0) return false;
    }
    return true;
  }, absl::Seconds(30), "the ReplicaSets are orphaned"));
  cluster.RunKubectl({"create", "-f", "-"}, R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: batch}
spec:
  replicas: 2
  strategy: {type: Recreate}
  selector: {matchLabels: {app: batch}}
  template:
    metadata: {labels: {app: batch}}
    spec: {containers: [{name: app, image: "busybox:1.1"}]}
)");
  auto deployment = cluster.client().Get<k8s::apps::v1::Deployment>("default", "batch");
  REQUIRE(deployment.ok());
  REQUIRE(cluster.WaitUntil([&] {
    auto sets = cluster.client().List<k8s::apps::v1::ReplicaSet>("default");
    if (!sets.ok() || sets->items.size() != 2) return false;
    for (const auto& rs : sets->items) {
      if (rs->metadata().ownerreferences_size() != 1 ||
          rs->metadata().ownerreferences(0).uid() != (*deployment)->metadata().uid()) {
        return false;
      }
    }
    return true;
  }, absl::Seconds(30), "the new Deployment adopts both ReplicaSets"));
  RolloutStatus(cluster, "batch");
  CHECK(cluster.WaitForActive("default", "app=batch", 2));
}

}  // namespace kube::testing
