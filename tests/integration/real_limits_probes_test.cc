// Limits and probes on real containers (root only; SKIPPED with a reason
// otherwise): a container over its memory limit is OOM-killed and reported so; a
// failing liveness probe restarts its container; a readiness probe gates Ready;
// cpu and memory limits land in the container's cgroups.
#include <catch2/catch.hpp>

#include "common/util/strings.h"
#include "tests/support/real_cluster.h"
#include "tests/integration/real_test_helpers.h"

namespace kube::testing {
namespace {

using k8s::core::v1::Pod;

void ExecProbe(k8s::core::v1::Probe* probe, const std::string& file) {
  probe->mutable_handler()->mutable_exec()->add_command("cat");
  probe->mutable_handler()->mutable_exec()->add_command(file);
  probe->set_periodseconds(1);
  probe->set_failurethreshold(1);
  probe->set_timeoutseconds(2);
}

TEST_CASE("a container over its memory limit is OOMKilled", "[real]") {
  REQUIRE_REAL_CLUSTER_PREREQUISITES();
  std::unique_ptr<RealCluster> cluster = StartRealCluster();

  // The shell holds 100 MB in a variable under a 32 MiB limit.
  Pod pod = BusyboxPod("hog", "x=$(head -c 100000000 /dev/zero | tr '\\0' a); echo survived",
                       "Never");
  auto* resources = pod.mutable_spec()->mutable_containers(0)->mutable_resources();
  (*resources->mutable_limits())["memory"].set_string("32Mi");
  REQUIRE(cluster->client().Create(pod).ok());

  std::unique_ptr<Pod> done = cluster->WaitForPod(
      "hog", [](const Pod& p) { return p.status().phase() == "Failed" ||
                                       p.status().phase() == "Succeeded"; });
  REQUIRE(done != nullptr);
  CHECK(done->status().phase() == "Failed");
  CHECK(done->status().qosclass() == "Burstable");
  const auto* status = ContainerStatusOf(*done, "main");
  REQUIRE(status != nullptr);
  REQUIRE(status->state().has_terminated());
  CHECK(status->state().terminated().reason() == "OOMKilled");
  CHECK(status->state().terminated().exitcode() == 137);
}

TEST_CASE("liveness restarts and readiness gates Ready", "[real]") {
  REQUIRE_REAL_CLUSTER_PREREQUISITES();
  std::unique_ptr<RealCluster> cluster = StartRealCluster();

  // Alive for a few seconds, then its liveness file goes.
  Pod live = BusyboxPod("liveness", "touch /tmp/alive; sleep 4; rm /tmp/alive; sleep 3600");
  ExecProbe(live.mutable_spec()->mutable_containers(0)->mutable_livenessprobe(), "/tmp/alive");
  REQUIRE(cluster->client().Create(live).ok());

  // Ready only once it has made its readiness file.
  Pod ready = BusyboxPod("readiness", "sleep 8; touch /tmp/ready; sleep 3600");
  ExecProbe(ready.mutable_spec()->mutable_containers(0)->mutable_readinessprobe(), "/tmp/ready");
  REQUIRE(cluster->client().Create(ready).ok());

  std::unique_ptr<Pod> pod = cluster->WaitForPod("readiness", PodRunning);
  REQUIRE(pod != nullptr);
  // Running but not Ready: the probe fails until the file exists.
  if (absl::Now() - absl::FromUnixSeconds(pod->status().starttime().seconds()) <
      absl::Seconds(6)) {
    CHECK_FALSE(PodReadyCondition(*pod));
    const auto* status = ContainerStatusOf(*pod, "main");
    REQUIRE(status != nullptr);
    CHECK_FALSE(status->ready());
  }
  pod = cluster->WaitForPod("readiness", PodReadyCondition, absl::Seconds(30));
  REQUIRE(pod != nullptr);
  const auto* status = ContainerStatusOf(*pod, "main");
  REQUIRE(status != nullptr);
  CHECK(status->ready());
  CHECK(status->restartcount() == 0);

  pod = cluster->WaitForPod(
      "liveness",
      [](const Pod& p) {
        const auto* s = ContainerStatusOf(p, "main");
        return s != nullptr && s->restartcount() >= 1;
      },
      absl::Seconds(60));
  REQUIRE(pod != nullptr);
  status = ContainerStatusOf(*pod, "main");
  REQUIRE(status != nullptr);
  REQUIRE(status->laststate().has_terminated());
  // Killed for failing its probe: SIGTERM (143) or SIGKILL (137) after the grace.
  CHECK((status->laststate().terminated().exitcode() == 137 ||
         status->laststate().terminated().exitcode() == 143));
}

TEST_CASE("cpu and memory limits reach the container's cgroups", "[real]") {
  REQUIRE_REAL_CLUSTER_PREREQUISITES();
  std::unique_ptr<RealCluster> cluster = StartRealCluster();

  // Requests equal limits: Guaranteed, so the pod's cgroup is kubepods/pod<uid>.
  Pod pod = BusyboxPod("limited", "sleep 3600");
  auto* resources = pod.mutable_spec()->mutable_containers(0)->mutable_resources();
  for (auto* list : {resources->mutable_requests(), resources->mutable_limits()}) {
    (*list)["cpu"].set_string("200m");
    (*list)["memory"].set_string("64Mi");
  }
  REQUIRE(cluster->client().Create(pod).ok());
  std::unique_ptr<Pod> running = cluster->WaitForPod("limited", PodRunning);
  REQUIRE(running != nullptr);
  CHECK(running->status().qosclass() == "Guaranteed");
  const auto* status = ContainerStatusOf(*running, "main");
  REQUIRE(status != nullptr);
  const std::string id = status->containerid().substr(std::string("containerd://").size());

  // cgroupfs layout: <hierarchy><cgroup root>/kubepods/pod<uid>/<container id>.
  auto cgroup_file = [&](const std::string& hierarchy, const std::string& file) {
    return ReadFile(StrCat("/sys/fs/cgroup/", hierarchy, cluster->cgroup_root(), "/kubepods/pod",
                           running->metadata().uid(), "/", id, "/", file));
  };
  CHECK(cgroup_file("memory", "memory.limit_in_bytes") == "67108864\n");
  CHECK(cgroup_file("cpu", "cpu.cfs_quota_us") == "20000\n");
  CHECK(cgroup_file("cpu", "cpu.cfs_period_us") == "100000\n");
  CHECK(cgroup_file("cpu", "cpu.shares") == "204\n");
}

}  // namespace
}  // namespace kube::testing
