// The kubelet's pods on the fake runtime: reaching Running, restart policies with
// crash-loop back-off, init containers, image pull failures, and deletion within
// the grace period.

#include <catch2/catch.hpp>
#include <set>

#include "tests/support/kubelet_fixture.h"

namespace kube::testing {
namespace {

using k8s::core::v1::Pod;

constexpr char kExitCode[] = "fake.kubelet.kube/exit-code";
constexpr char kExitAfter[] = "fake.kubelet.kube/exit-after";

const k8s::core::v1::ContainerStatus& Status(const Pod& pod, int i = 0) {
  return pod.status().containerstatuses(i);
}

TEST_CASE("kubelet: a bound pod runs, with a pod IP and container statuses", "[kubelet]") {
  KubeletCluster cluster({"--pod-cidr", "10.244.3.0/24"});
  cluster.Create(BoundPod("web", "node-1", {"app", "sidecar"}));
  auto pod = cluster.WaitForPod(
      "web", [](const Pod& p) { return p.status().phase() == "Running" && PodReady(p); });
  REQUIRE(pod != nullptr);
  const auto& status = pod->status();
  CHECK(status.podip().rfind("10.244.3.", 0) == 0);
  REQUIRE(status.podips_size() == 1);
  CHECK(status.hostip() == "127.0.0.1");
  CHECK(status.qosclass() == "BestEffort");
  CHECK(status.has_starttime());
  REQUIRE(status.containerstatuses_size() == 2);
  for (const auto& container : status.containerstatuses()) {
    CHECK(container.state().has_running());
    CHECK(container.ready());
    CHECK(container.started());
    CHECK(container.restartcount() == 0);
    CHECK(container.containerid().rfind("containerd://", 0) == 0);
    CHECK(container.imageid().rfind("sha256:", 0) == 0);
    CHECK(container.image() == "registry.k8s.io/pause:3.9");
  }
  for (const char* type :
       {"PodScheduled", "Initialized", "ContainersReady", "Ready", "PodReadyToStartContainers"}) {
    INFO(type);
    REQUIRE(PodConditionOf(*pod, type) != nullptr);
    CHECK(PodConditionOf(*pod, type)->status() == "True");
  }
  // The kubelet recorded what it did.
  bool events = WaitUntil([&] {
    auto list = cluster.client().List<k8s::core::v1::Event>("default");
    if (!list.ok()) return false;
    std::set<std::string> reasons;
    for (const auto& event : list->items) {
      if (event->involvedobject().name() == "web") reasons.insert(event->reason());
    }
    return reasons.contains("Pulling") && reasons.contains("Pulled") &&
           reasons.contains("Created") && reasons.contains("Started");
  });
  CHECK(events);
}

TEST_CASE("kubelet: restartPolicy Never ends Succeeded or Failed", "[kubelet]") {
  KubeletCluster cluster;
  Pod ok = BoundPod("ok", "node-1", {"app"}, {{kExitCode, "0"}, {kExitAfter, "1s"}});
  ok.mutable_spec()->set_restartpolicy("Never");
  Pod bad = BoundPod("bad", "node-1", {"app"}, {{kExitCode, "3"}, {kExitAfter, "1s"}});
  bad.mutable_spec()->set_restartpolicy("Never");
  Pod oom =
      BoundPod("oom", "node-1", {"app"}, {{"fake.kubelet.kube/oom", "true"}, {kExitAfter, "1s"}});
  oom.mutable_spec()->set_restartpolicy("Never");
  cluster.Create(ok);
  cluster.Create(bad);
  cluster.Create(oom);
  auto succeeded =
      cluster.WaitForPod("ok", [](const Pod& p) { return p.status().phase() == "Succeeded"; });
  REQUIRE(succeeded != nullptr);
  CHECK(Status(*succeeded).state().terminated().exitcode() == 0);
  CHECK(Status(*succeeded).state().terminated().reason() == "Completed");
  CHECK(PodConditionOf(*succeeded, "Ready")->reason() == "PodCompleted");
  auto failed =
      cluster.WaitForPod("bad", [](const Pod& p) { return p.status().phase() == "Failed"; });
  REQUIRE(failed != nullptr);
  CHECK(Status(*failed).state().terminated().exitcode() == 3);
  CHECK(Status(*failed).state().terminated().reason() == "Error");
  CHECK(Status(*failed).restartcount() == 0);
  auto killed =
      cluster.WaitForPod("oom", [](const Pod& p) { return p.status().phase() == "Failed"; });
  REQUIRE(killed != nullptr);
  CHECK(Status(*killed).state().terminated().exitcode() == 137);
  CHECK(Status(*killed).state().terminated().reason() == "OOMKilled");
}

TEST_CASE("kubelet: restartPolicy OnFailure restarts failures only", "[kubelet]") {
  KubeletCluster cluster;
  Pod flaky = BoundPod("flaky", "node-1", {"app"}, {{kExitCode, "1"}, {kExitAfter, "500ms"}});
  flaky.mutable_spec()->set_restartpolicy("OnFailure");
  Pod done = BoundPod("done", "node-1", {"app"}, {{kExitCode, "0"}, {kExitAfter, "500ms"}});
  done.mutable_spec()->set_restartpolicy("OnFailure");
  cluster.Create(flaky);
  cluster.Create(done);
  auto restarted = cluster.WaitForPod("flaky", [](const Pod& p) {
    return p.status().containerstatuses_size() == 1 && Status(p).restartcount() >= 1;
  });
  REQUIRE(restarted != nullptr);
  CHECK(restarted->status().phase() == "Running");
  auto succeeded =
      cluster.WaitForPod("done", [](const Pod& p) { return p.status().phase() == "Succeeded"; });
  REQUIRE(succeeded != nullptr);
  CHECK(Status(*succeeded).restartcount() == 0);
}

TEST_CASE("kubelet: restartPolicy Always restarts with crash-loop back-off", "[kubelet]") {
  KubeletCluster cluster;
  cluster.Create(BoundPod("loop", "node-1", {"app"}, {{kExitCode, "0"}, {kExitAfter, "200ms"}}));
  // The first restart is at once; the next waits 10 s, shown as CrashLoopBackOff.
  auto backing_off = cluster.WaitForPod("loop", [](const Pod& p) {
    return p.status().containerstatuses_size() == 1 &&
           Status(p).state().waiting().reason() == "CrashLoopBackOff";
  });
  REQUIRE(backing_off != nullptr);
  const auto& app = Status(*backing_off);
  CHECK(app.restartcount() >= 1);
  CHECK(app.laststate().terminated().reason() == "Completed");
  CHECK(backing_off->status().phase() == "Running");
  const int count = app.restartcount();
  absl::Time seen = absl::Now();
  auto later = cluster.WaitForPod(
      "loop", [&](const Pod& p) { return Status(p).restartcount() > count; }, absl::Seconds(30));
  REQUIRE(later != nullptr);
  CHECK(absl::Now() - seen > absl::Seconds(3));  // it waited out its back-off
}

TEST_CASE("kubelet: init containers run to completion first", "[kubelet]") {
  KubeletCluster cluster;
  Pod pod = BoundPod(
      "init", "node-1", {"app"},
      {{"fake.kubelet.kube/exit-code.setup", "0"}, {"fake.kubelet.kube/exit-after.setup", "2s"}});
  auto* init = pod.mutable_spec()->add_initcontainers();
  init->set_name("setup");
  init->set_image("busybox:1.36");
  cluster.Create(pod);
  auto initializing = cluster.WaitForPod("init", [](const Pod& p) {
    return p.status().initcontainerstatuses_size() == 1 &&
           p.status().initcontainerstatuses(0).state().has_running();
  });
  REQUIRE(initializing != nullptr);
  CHECK(initializing->status().phase() == "Pending");
  CHECK(Status(*initializing).state().waiting().reason() == "PodInitializing");
  CHECK(PodConditionOf(*initializing, "Initialized")->status() == "False");
  auto running = cluster.WaitForPod("init", [](const Pod& p) {
    return p.status().phase() == "Running" && Status(p).state().has_running();
  });
  REQUIRE(running != nullptr);
  CHECK(running->status().initcontainerstatuses(0).state().terminated().reason() == "Completed");
  CHECK(PodConditionOf(*running, "Initialized")->status() == "True");
}

TEST_CASE("kubelet: an image that cannot be pulled waits in ErrImagePull", "[kubelet]") {
  KubeletCluster cluster;
  Pod pod = BoundPod("nopull", "node-1");
  pod.mutable_spec()->mutable_containers(0)->set_image("registry.invalid/nothing:1");
  cluster.Create(pod);
  auto waiting = cluster.WaitForPod("nopull", [](const Pod& p) {
    if (p.status().containerstatuses_size() != 1) return false;
    const std::string& reason = Status(p).state().waiting().reason();
    return reason == "ErrImagePull" || reason == "ImagePullBackOff";
  });
  REQUIRE(waiting != nullptr);
  CHECK(waiting->status().phase() == "Pending");
  Pod never = BoundPod("never", "node-1");
  never.mutable_spec()->mutable_containers(0)->set_imagepullpolicy("Never");
  never.mutable_spec()->mutable_containers(0)->set_image("not-here:1");
  cluster.Create(never);
  CHECK(cluster.WaitForPod("never", [](const Pod& p) {
    return p.status().containerstatuses_size() == 1 &&
           Status(p).state().waiting().reason() == "ErrImageNeverPull";
  }) != nullptr);
}

TEST_CASE("kubelet: a deleted pod stops within its grace period and goes away", "[kubelet]") {
  KubeletCluster cluster;
  // It takes 2 s to stop after SIGTERM; its grace period is 10 s.
  Pod slow = BoundPod("slow", "node-1", {"app"}, {{"fake.kubelet.kube/stop-delay", "2s"}});
  slow.mutable_spec()->set_terminationgraceperiodseconds(10);
  // It ignores SIGTERM: killed at the end of its 3 s grace period.
  Pod stubborn = BoundPod("stubborn", "node-1", {"app"}, {{"fake.kubelet.kube/stop-delay", "1h"}});
  stubborn.mutable_spec()->set_terminationgraceperiodseconds(3);
  cluster.Create(slow);
  cluster.Create(stubborn);
  for (const char* name : {"slow", "stubborn"}) {
    REQUIRE(cluster.WaitForPod(
                name, [](const Pod& p) { return p.status().phase() == "Running"; }) != nullptr);
  }
  absl::Time start = absl::Now();
  REQUIRE(cluster.client().Delete<Pod>("default", "slow").ok());
  REQUIRE(cluster.client().Delete<Pod>("default", "stubborn").ok());
  // Still there while stopping (graceful deletion waits for the kubelet).
  auto terminating = cluster.GetPod("slow");
  REQUIRE(terminating != nullptr);
  CHECK(terminating->metadata().has_deletiontimestamp());
  CHECK(WaitUntil([&] { return cluster.GetPod("slow") == nullptr; }, absl::Seconds(12)));
  absl::Duration slow_took = absl::Now() - start;
  CHECK(slow_took >= absl::Seconds(2));
  CHECK(WaitUntil([&] { return cluster.GetPod("stubborn") == nullptr; }, absl::Seconds(12)));
  absl::Duration stubborn_took = absl::Now() - start;
  CHECK(stubborn_took >= absl::Seconds(3));
  CHECK(stubborn_took < absl::Seconds(10));
}

}  // namespace
}  // namespace kube::testing
