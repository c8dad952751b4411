// kube-controller-manager as a process: its flags, /healthz and /metrics, a
// standby taking over from a killed leader, and kill -9 at random moments never
// leaving more or fewer pods than desired once it settles.

#include <random>
#include <string>

#include <catch2/catch.hpp>

#include "tests/integration/integration_helpers.h"
#include "tests/support/api_client.h"
#include "tests/support/controller_manager_fixture.h"

namespace kube::testing {

TEST_CASE("controller-manager: --help and --version work and a bad --controllers is refused",
          "[controller-manager]") {
  CommandResult help = RunCommand({BinDir() + "/kube-controller-manager", "--help"});
  CHECK(help.exit_code == 0);
  for (const char* flag : {"--kubeconfig", "--controllers", "--leader-elect", "--secure-port",
                           "--cluster-cidr", "--node-monitor-grace-period"}) {
    CHECK(Contains(help.out, flag));
  }
  CommandResult version = RunCommand({BinDir() + "/kube-controller-manager", "--version"});
  CHECK(version.exit_code == 0);
  CHECK(Contains(version.out, "Kubernetes v"));
  CommandResult bad = RunCommand(
      {BinDir() + "/kube-controller-manager", "--controllers=*,-nosuchcontroller"});
  CHECK(bad.exit_code == 2);
  CHECK(Contains(bad.err, "nosuchcontroller"));
}

TEST_CASE("controller-manager: health and metrics endpoints and --controllers turning a loop off",
          "[controller-manager]") {
  REQUIRE_KUBECTL();
  ControllerCluster cluster(1, {"--controllers=*,-replicationcontroller"});
  // Anonymous: the health paths are always allowed on the secure port.
  ApiClient health = ApiClient::Daemon(cluster.controller_manager().port());
  for (const char* path : {"/healthz", "/livez", "/readyz"}) {
    HttpResult result = health.Get(path);
    INFO(path);
    CHECK(result.status == 200);
    CHECK(result.body == "ok");
  }
  REQUIRE(cluster.WaitUntil([&] { return cluster.controller_manager().Leading(); },
                            absl::Seconds(20), "it leads"));
  std::string metrics = cluster.controller_manager().Metrics();
  CHECK(Contains(metrics, "kube_controller_manager_running_controllers{name=\"replicaset\"} 1"));
  CHECK(Contains(metrics, "workqueue_adds_total{name=\"endpoint\"}"));
  CHECK_FALSE(Contains(metrics, "running_controllers{name=\"replicationcontroller\"}"));

  // With the replication loop off an RC gets no pods (a bounded look, no more).
  cluster.RunKubectl({"create", "-f", "-"}, RcManifest("idle", 2));
  absl::SleepFor(absl::Seconds(3));
  CHECK(cluster.CountActive("default", "app=idle") == 0);
}

TEST_CASE("controller-manager: a standby takes over when the leader dies",
          "[controller-manager]") {
  REQUIRE_KUBECTL();
  ControllerCluster cluster;
  REQUIRE(cluster.WaitUntil([&] { return cluster.controller_manager().Leading(); },
                            absl::Seconds(20), "the first one leads"));
  auto standby = cluster.StartControllerManager();
  absl::SleepFor(absl::Seconds(1));
  CHECK_FALSE(standby->Leading());

  cluster.RunKubectl({"create", "-f", "-"}, RcManifest("web", 2));
  REQUIRE(cluster.WaitForActive("default", "app=web", 2));

  cluster.controller_manager().Kill9();
  REQUIRE(cluster.WaitUntil([&] { return standby->Leading(); }, absl::Seconds(20),
                            "the standby takes over"));
  cluster.RunKubectl({"scale", "rc", "web", "--replicas=3"});
  bool followed = cluster.WaitForActive("default", "app=web", 3);
  if (!followed) UNSCOPED_INFO("standby log:\n" << standby->LogTail());
  CHECK(followed);

  // SIGTERM: a clean exit that releases the lease, so the next one leads at once.
  auto third = cluster.StartControllerManager();
  CHECK(standby->Terminate() == 0);
  REQUIRE(cluster.WaitUntil([&] { return third->Leading(); }, absl::Seconds(20),
                            "the third takes over from the terminated one"));
  cluster.RunKubectl({"scale", "rc", "web", "--replicas=1"});
  CHECK(cluster.WaitForActive("default", "app=web", 1));
}

TEST_CASE("controller-manager: kill -9 at random moments never leaves the wrong pod count",
          "[controller-manager]") {
  REQUIRE_KUBECTL();
  ControllerCluster cluster;
  cluster.RunKubectl({"create", "-f", "-"}, RcManifest("chaos", 3));
  REQUIRE(cluster.WaitForActive("default", "app=chaos", 3));

  std::mt19937 random(std::random_device{}());
  int desired = 3;
  for (int round = 0; round < 5; ++round) {
    desired = std::uniform_int_distribution<int>(0, 6)(random);
    const int delay_ms = std::uniform_int_distribution<int>(0, 400)(random);
    INFO("round " << round << ": scale to " << desired << ", kill after " << delay_ms << " ms");
    cluster.RunKubectl({"scale", "rc", "chaos", "--replicas=" + std::to_string(desired)});
    // Also delete a pod now and then, so that a restart meets a gap as well.
    if (round % 2 == 1) {
      auto pods = cluster.ActivePods("default", "app=chaos");
      if (!pods.empty()) {
        (void)cluster.kubectl().Run({"delete", "pod", pods.front().metadata().name(), "--wait=false"});
      }
    }
    absl::SleepFor(absl::Milliseconds(delay_ms));
    std::string why;
    bool restarted = cluster.controller_manager().Restart(&why);
    INFO(why);
    REQUIRE(restarted);
  }
  // Settled: exactly the desired count, and it stays so.
  REQUIRE(cluster.WaitForActive("default", "app=chaos", desired, absl::Seconds(60),
                                absl::Seconds(3)));
  auto rc = cluster.client().Get<k8s::core::v1::ReplicationController>("default", "chaos");
  REQUIRE(rc.ok());
  REQUIRE(cluster.WaitUntil([&] {
    auto current = cluster.client().Get<k8s::core::v1::ReplicationController>("default", "chaos");
    return current.ok() && (*current)->status().replicas() == desired;
  }, absl::Seconds(30), "the status agrees"));
}

TEST_CASE("controller-manager: kill -9 during a Deployment rollout still ends with the new pods only",
          "[controller-manager]") {
  REQUIRE_KUBECTL();
  ControllerCluster cluster;
  cluster.RunKubectl({"create", "deployment", "roll", "--image=busybox:1.0", "--replicas=4"});
  REQUIRE(cluster.WaitForActive("default", "app=roll", 4));

  std::mt19937 random(std::random_device{}());
  for (int round = 0; round < 3; ++round) {
    const std::string image = "busybox:2." + std::to_string(round);
    const int delay_ms = std::uniform_int_distribution<int>(0, 600)(random);
    INFO("round " << round << ": " << image << ", kill after " << delay_ms << " ms");
    cluster.RunKubectl({"set", "image", "deployment/roll", "busybox=" + image});
    absl::SleepFor(absl::Milliseconds(delay_ms));
    std::string why;
    bool restarted = cluster.controller_manager().Restart(&why);
    INFO(why);
    REQUIRE(restarted);
  }
  CommandResult status = cluster.kubectl().Run(
      {"rollout", "status", "deployment/roll", "--timeout=90s"}, "", absl::Seconds(100));
  INFO(status.out << status.err);
  REQUIRE(status.exit_code == 0);
  REQUIRE(cluster.WaitForActive("default", "app=roll", 4, absl::Seconds(60), absl::Seconds(3)));
  for (const auto& pod : cluster.ActivePods("default", "app=roll")) {
    CHECK(pod.spec().containers(0).image() == "busybox:2.2");
  }
}

}  // namespace kube::testing
