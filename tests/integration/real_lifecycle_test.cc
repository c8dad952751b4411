// The node's lifecycle on real containers (root only; SKIPPED with a reason
// otherwise): kill -9 of the kubelet and a restart leave running containers alone;
// deleting a pod stops its processes within the grace period; cluster-down leaves
// nothing behind.
#include <signal.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "common/util/strings.h"
#include "tests/support/real_cluster.h"

namespace kube::testing {
namespace {

namespace fs = std::filesystem;
using k8s::core::v1::Pod;

std::unique_ptr<RealCluster> StartCluster() {
  auto cluster = RealCluster::Start();
  INFO((cluster.ok() ? "" : std::string(cluster.status().message())));
  REQUIRE(cluster.ok());
  return std::move(*cluster);
}

// Every process in the pod's cgroups (pids hierarchy, cgroupfs layout).
std::set<pid_t> PodProcesses(const RealCluster& cluster, const Pod& pod) {
  std::set<pid_t> pids;
  const std::string dir = StrCat("/sys/fs/cgroup/pids", cluster.cgroup_root(),
                                 "/kubepods/besteffort/pod", pod.metadata().uid());
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(dir, error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (it->path().filename() != "cgroup.procs") continue;
    std::istringstream procs(ReadFile(it->path()));
    pid_t pid;
    while (procs >> pid) pids.insert(pid);
  }
  return pids;
}

bool AnyAlive(const std::set<pid_t>& pids) {
  for (pid_t pid : pids) {
    if (kill(pid, 0) == 0) {
      // A zombie is gone for our purposes (its parent has not reaped it yet).
      std::string stat = ReadFile(StrCat("/proc/", pid, "/stat"));
      size_t close = stat.rfind(')');
      if (close == std::string::npos || stat.substr(close + 2, 1) != "Z") return true;
    }
  }
  return false;
}

TEST_CASE("kill -9 of the kubelet leaves running containers untouched", "[real]") {
  REQUIRE_REAL_CLUSTER_PREREQUISITES();
  std::unique_ptr<RealCluster> cluster = StartCluster();
  REQUIRE(cluster->client().Create(BusyboxPod("survivor", "exec sleep 3600")).ok());
  std::unique_ptr<Pod> before = cluster->WaitForPod("survivor", PodReadyCondition);
  REQUIRE(before != nullptr);
  const auto* status = ContainerStatusOf(*before, "main");
  REQUIRE(status != nullptr);
  const std::string container_id = status->containerid();
  const std::set<pid_t> processes = PodProcesses(*cluster, *before);
  REQUIRE_FALSE(processes.empty());

  auto pid_in = [&](const std::string& file) {
    return ReadFile(StrCat(cluster->data_dir(), "/", file));
  };
  const std::string apiserver_pid = pid_in("kube-apiserver.pid");
  const std::string containerd_pid = pid_in("containerd/containerd.pid");
  REQUIRE_FALSE(apiserver_pid.empty());
  REQUIRE_FALSE(containerd_pid.empty());
  const pid_t old_kubelet = cluster->KubeletPid();
  cluster->KillKubelet();
  absl::SleepFor(absl::Seconds(2));
  CHECK_FALSE(AnyAlive({old_kubelet}));
  CHECK(PodProcesses(*cluster, *before) == processes);

  // cluster-up starts only what is missing: the kubelet.
  absl::Status up = cluster->Up();
  INFO(up.message());
  REQUIRE(up.ok());
  CHECK(cluster->KubeletPid() != old_kubelet);
  CHECK(pid_in("kube-apiserver.pid") == apiserver_pid);
  CHECK(pid_in("containerd/containerd.pid") == containerd_pid);
  // Give the new kubelet time for several syncs and PLEG relists.
  absl::SleepFor(absl::Seconds(5));
  std::unique_ptr<Pod> after = cluster->WaitForPod("survivor", PodReadyCondition);
  REQUIRE(after != nullptr);
  status = ContainerStatusOf(*after, "main");
  REQUIRE(status != nullptr);
  CHECK(status->containerid() == container_id);
  CHECK(status->restartcount() == 0);
  CHECK(status->state().has_running());
  CHECK(PodProcesses(*cluster, *after) == processes);
  CHECK(after->status().podip() == before->status().podip());
}

TEST_CASE("deleting a pod stops its processes within the grace period", "[real]") {
  REQUIRE_REAL_CLUSTER_PREREQUISITES();
  std::unique_ptr<RealCluster> cluster = StartCluster();
  // PID 1 of the container ignores SIGTERM: only SIGKILL at the grace period's end
  // stops it.
  Pod stubborn = BusyboxPod("stubborn", "trap '' TERM; while true; do sleep 1; done");
  stubborn.mutable_spec()->set_terminationgraceperiodseconds(4);
  // This one leaves on SIGTERM.
  Pod polite = BusyboxPod("polite", "trap 'exit 0' TERM; while true; do sleep 0.2; done");
  polite.mutable_spec()->set_terminationgraceperiodseconds(30);
  REQUIRE(cluster->client().Create(stubborn).ok());
  REQUIRE(cluster->client().Create(polite).ok());
  std::unique_ptr<Pod> stubborn_running = cluster->WaitForPod("stubborn", PodRunning);
  std::unique_ptr<Pod> polite_running = cluster->WaitForPod("polite", PodRunning);
  REQUIRE(stubborn_running != nullptr);
  REQUIRE(polite_running != nullptr);
  const std::set<pid_t> stubborn_pids = PodProcesses(*cluster, *stubborn_running);
  const std::set<pid_t> polite_pids = PodProcesses(*cluster, *polite_running);
  REQUIRE_FALSE(stubborn_pids.empty());
  REQUIRE_FALSE(polite_pids.empty());

  absl::Time deleted_at = absl::Now();
  REQUIRE(cluster->client().Delete<Pod>("default", "stubborn").ok());
  REQUIRE(cluster->client().Delete<Pod>("default", "polite").ok());

  // The polite pod goes long before its 30 s.
  absl::Time deadline = deleted_at + absl::Seconds(15);
  while (AnyAlive(polite_pids) && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(100));
  CHECK_FALSE(AnyAlive(polite_pids));
  // The stubborn one lives through its 4 s grace period, then is killed.
  deadline = deleted_at + absl::Seconds(4 + 6);
  while (AnyAlive(stubborn_pids) && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(100));
  }
  CHECK_FALSE(AnyAlive(stubborn_pids));
  CHECK(absl::Now() - deleted_at >= absl::Seconds(3));

  // Then the kubelet deletes the objects for good.
  for (const char* name : {"stubborn", "polite"}) {
    INFO(name);
    absl::Time gone_deadline = absl::Now() + absl::Seconds(30);
    while (cluster->GetPod(name) != nullptr && absl::Now() < gone_deadline) {
      absl::SleepFor(absl::Milliseconds(200));
    }
    CHECK(cluster->GetPod(name) == nullptr);
  }
}

TEST_CASE("cluster-down leaves nothing behind", "[real]") {
  REQUIRE_REAL_CLUSTER_PREREQUISITES();
  std::unique_ptr<RealCluster> cluster = StartCluster();
  // Something to clean up: two running pods (veths, mounts, cgroups, shims).
  REQUIRE(cluster->client().Create(BusyboxPod("one", "sleep 3600")).ok());
  REQUIRE(cluster->client().Create(BusyboxPod("two", "sleep 3600")).ok());
  REQUIRE(cluster->WaitForPod("one", PodRunning) != nullptr);
  REQUIRE(cluster->WaitForPod("two", PodRunning) != nullptr);
  CHECK_FALSE(cluster->Leftovers().empty());  // the check sees a running cluster

  CommandResult down = cluster->Down();
  INFO(down.out << down.err);
  CHECK(down.exit_code == 0);
  CHECK(cluster->Leftovers() == "");
  // A second run finds nothing to do and still succeeds.
  CommandResult again = cluster->Down();
  INFO(again.out << again.err);
  CHECK(again.exit_code == 0);
}

}  // namespace
}  // namespace kube::testing
