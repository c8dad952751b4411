// The job and daemonset loops with every daemon running: a Job runs to its
// completions (and one whose pods fail gives up after its backoff limit); a
// DaemonSet has a pod per node and rolls a template change out.

#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "tests/integration/integration_helpers.h"
#include "k8s/batch/v1/batch.pb.h"
#include "tests/support/controller_manager_fixture.h"

namespace kube::testing {
namespace {

using k8s::core::v1::Pod;

std::string JobManifest(const std::string& name, int completions, int parallelism,
                        int exit_code, int backoff_limit) {
  return "apiVersion: batch/v1\nkind: Job\nmetadata: {name: " + name + "}\nspec:\n  completions: " +
         std::to_string(completions) + "\n  parallelism: " + std::to_string(parallelism) +
         "\n  backoffLimit: " + std::to_string(backoff_limit) +
         "\n  template:\n    metadata:\n      annotations: {fake.kubelet.kube/exit-after: 1s, "
         "fake.kubelet.kube/exit-code: \"" + std::to_string(exit_code) +
         "\"}\n    spec:\n      restartPolicy: Never\n      containers: [{name: work, image: busybox}]\n";
}

}  // namespace

TEST_CASE("controller-manager: a Job runs to its completions", "[controller-manager]") {
  REQUIRE_KUBECTL();
  ControllerCluster cluster;
  cluster.RunKubectl({"create", "-f", "-"}, JobManifest("pi", 3, 2, 0, 6));
  CommandResult wait = cluster.kubectl().Run(
      {"wait", "--for=condition=complete", "job/pi", "--timeout=90s"}, "", absl::Seconds(100));
  INFO(wait.out << wait.err);
  if (wait.exit_code != 0) UNSCOPED_INFO("kcm log:\n" << cluster.controller_manager().LogTail());
  REQUIRE(wait.exit_code == 0);
  auto job = cluster.client().Get<k8s::batch::v1::Job>("default", "pi");
  REQUIRE(job.ok());
  CHECK((*job)->status().succeeded() == 3);
  CHECK((*job)->status().active() == 0);
  CHECK((*job)->status().has_completiontime());
  int succeeded = 0;
  for (const Pod& pod : cluster.Pods("default", "job-name=pi")) {
    succeeded += pod.status().phase() == "Succeeded";
  }
  CHECK(succeeded == 3);
}

TEST_CASE("controller-manager: a Job whose pods fail stops at its backoff limit",
          "[controller-manager]") {
  REQUIRE_KUBECTL();
  ControllerCluster cluster;
  cluster.RunKubectl({"create", "-f", "-"}, JobManifest("broken", 1, 1, 1, 1));
  CommandResult wait = cluster.kubectl().Run(
      {"wait", "--for=condition=failed", "job/broken", "--timeout=90s"}, "", absl::Seconds(100));
  INFO(wait.out << wait.err);
  REQUIRE(wait.exit_code == 0);
  auto job = cluster.client().Get<k8s::batch::v1::Job>("default", "broken");
  REQUIRE(job.ok());
  CHECK((*job)->status().failed() == 2);  // the first try and one retry
  bool backoff = false;
  for (const auto& condition : (*job)->status().conditions()) {
    backoff |= condition.type() == "Failed" && condition.reason() == "BackoffLimitExceeded";
  }
  CHECK(backoff);
}

TEST_CASE("controller-manager: a DaemonSet has a pod per node and rolls out a new template",
          "[controller-manager]") {
  REQUIRE_KUBECTL();
  ControllerCluster cluster(2);
  cluster.RunKubectl({"create", "-f", "-"}, R"(apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: agent, image: "busybox:1.0"}]}
)");
  auto one_per_node = [&](const std::string& image) {
    std::vector<Pod> pods = cluster.ActivePods("default", "app=agent");
    std::set<std::string> nodes;
    for (const Pod& pod : pods) {
      if (pod.spec().containers(0).image() != image || !ReadyPod(pod)) return false;
      nodes.insert(pod.spec().nodename());
    }
    return pods.size() == 2 && nodes == std::set<std::string>{"node-1", "node-2"};
  };
  REQUIRE(cluster.WaitUntil([&] { return one_per_node("busybox:1.0"); }, absl::Seconds(60),
                            "a ready pod on each node"));
  cluster.RunKubectl({"set", "image", "daemonset/agent", "agent=busybox:1.1"});
  CommandResult status = cluster.kubectl().Run(
      {"rollout", "status", "daemonset/agent", "--timeout=90s"}, "", absl::Seconds(100));
  INFO(status.out << status.err);
  CHECK(status.exit_code == 0);
  REQUIRE(cluster.WaitUntil([&] { return one_per_node("busybox:1.1"); }, absl::Seconds(60),
                            "the new template on each node"));
}

}  // namespace kube::testing
