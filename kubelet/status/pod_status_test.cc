#include "kubelet/status/pod_status.h"

#include <catch2/catch.hpp>

#include "kubelet/container/labels.h"

namespace kube::kubelet {
namespace {

using k8s::core::v1::PodStatus;

const absl::Time kNow = absl::FromUnixSeconds(1700000000);

k8s::core::v1::Pod TestPod(const std::string& restart_policy, std::vector<std::string> containers,
                           std::vector<std::string> init = {}) {
  k8s::core::v1::Pod pod;
  pod.mutable_metadata()->set_name("web");
  pod.mutable_metadata()->set_namespace_("default");
  pod.mutable_metadata()->set_uid("uid-1");
  pod.mutable_spec()->set_restartpolicy(restart_policy);
  for (const auto& name : init) {
    auto* c = pod.mutable_spec()->add_initcontainers();
    c->set_name(name);
    c->set_image("busybox");
  }
  for (const auto& name : containers) {
    auto* c = pod.mutable_spec()->add_containers();
    c->set_name(name);
    c->set_image("nginx");
  }
  return pod;
}

ContainerStatus Running(const std::string& name, const std::string& id, uint32_t attempt = 0) {
  ContainerStatus c;
  c.id = id;
  c.name = name;
  c.attempt = attempt;
  c.state = ContainerState::kRunning;
  c.started_at = kNow - absl::Seconds(30);
  c.finished_at = absl::InfinitePast();
  c.image_ref = "sha256:abc";
  c.annotations[kRestartCountAnnotation] = std::to_string(attempt);
  return c;
}

ContainerStatus Exited(const std::string& name, const std::string& id, int code,
                       uint32_t attempt = 0) {
  ContainerStatus c = Running(name, id, attempt);
  c.state = ContainerState::kExited;
  c.exit_code = code;
  c.reason = code == 0 ? "Completed" : "Error";
  c.finished_at = kNow - absl::Seconds(5);
  return c;
}

RuntimePod Runtime(std::vector<ContainerStatus> containers, bool sandbox = true) {
  RuntimePod pod;
  pod.uid = "uid-1";
  if (sandbox) {
    PodSandboxStatus s;
    s.id = "sb";
    s.state = SandboxState::kReady;
    s.ip = "10.1.0.7";
    pod.sandboxes.push_back(s);
  }
  pod.containers = std::move(containers);
  return pod;
}

const k8s::core::v1::PodCondition& Condition(const PodStatus& status, const std::string& type) {
  for (const auto& c : status.conditions()) {
    if (c.type() == type) return c;
  }
  FAIL("no condition " << type);
  return status.conditions(0);
}

PodStatus Compute(const k8s::core::v1::Pod& pod, const RuntimePod& runtime,
                  std::map<std::string, ContainerSyncError> errors = {},
                  const PodStatus* old = nullptr, bool terminal = false,
                  ProbeResult readiness = ProbeResult::kUnknown) {
  PodStatusInput input;
  input.pod = &pod;
  input.old_status = old;
  input.runtime = &runtime;
  input.host_ip = "192.168.0.10";
  input.sync_errors = std::move(errors);
  input.probe_result = [readiness](const std::string&, ProbeType type) {
    return type == ProbeType::kReadiness ? readiness : ProbeResult::kUnknown;
  };
  input.terminal = terminal;
  input.now = kNow;
  return ComputePodStatus(input);
}

TEST_CASE("a pod whose containers are being created is Pending") {
  auto pod = TestPod("Always", {"app"});
  PodStatus status = Compute(pod, Runtime({}));
  CHECK(status.phase() == "Pending");
  CHECK(status.podip() == "10.1.0.7");
  CHECK(status.hostip() == "192.168.0.10");
  CHECK(status.qosclass() == "BestEffort");
  CHECK(status.starttime().seconds() == absl::ToUnixSeconds(kNow));
  REQUIRE(status.containerstatuses_size() == 1);
  CHECK(status.containerstatuses(0).state().waiting().reason() == "ContainerCreating");
  CHECK(Condition(status, "Ready").status() == "False");
  CHECK(Condition(status, "Ready").reason() == "ContainersNotReady");
  CHECK(Condition(status, "Ready").message() == "containers with unready status: [app]");
  CHECK(Condition(status, "Initialized").status() == "True");
  CHECK(Condition(status, "PodScheduled").status() == "True");
  CHECK(Condition(status, "PodReadyToStartContainers").status() == "True");
}

TEST_CASE("running containers make the pod Running and Ready, readiness probes gate it") {
  auto pod = TestPod("Always", {"app"});
  PodStatus status = Compute(pod, Runtime({Running("app", "c1")}));
  CHECK(status.phase() == "Running");
  const auto& app = status.containerstatuses(0);
  CHECK(app.state().running().startedat().seconds() == absl::ToUnixSeconds(kNow) - 30);
  CHECK(app.ready());
  CHECK(app.started());
  CHECK(app.containerid() == "containerd://c1");
  CHECK(app.imageid() == "sha256:abc");
  CHECK(app.image() == "nginx");
  CHECK(Condition(status, "Ready").status() == "True");
  CHECK(Condition(status, "ContainersReady").status() == "True");

  pod.mutable_spec()->mutable_containers(0)->mutable_readinessprobe();
  PodStatus unready =
      Compute(pod, Runtime({Running("app", "c1")}), {}, &status, false, ProbeResult::kFailure);
  CHECK_FALSE(unready.containerstatuses(0).ready());
  CHECK(Condition(unready, "Ready").status() == "False");
  CHECK(Condition(unready, "Ready").lasttransitiontime().seconds() == absl::ToUnixSeconds(kNow));
  CHECK(unready.starttime().seconds() == status.starttime().seconds());
}

TEST_CASE("restartPolicy decides Succeeded and Failed") {
  auto never = TestPod("Never", {"app"});
  CHECK(Compute(never, Runtime({Exited("app", "c1", 0)})).phase() == "Succeeded");
  PodStatus failed = Compute(never, Runtime({Exited("app", "c1", 1)}));
  CHECK(failed.phase() == "Failed");
  CHECK(failed.containerstatuses(0).state().terminated().exitcode() == 1);
  CHECK(failed.containerstatuses(0).state().terminated().reason() == "Error");
  CHECK(failed.containerstatuses(0).state().terminated().containerid() == "containerd://c1");

  auto on_failure = TestPod("OnFailure", {"app"});
  CHECK(Compute(on_failure, Runtime({Exited("app", "c1", 0)})).phase() == "Succeeded");
  CHECK(Compute(on_failure, Runtime({Exited("app", "c1", 1)})).phase() == "Running");

  auto always = TestPod("Always", {"app"});
  CHECK(Compute(always, Runtime({Exited("app", "c1", 0)})).phase() == "Running");
  // Deleted: nothing restarts, so stopped containers decide.
  CHECK(Compute(always, Runtime({Exited("app", "c1", 0)}), {}, nullptr, true).phase() ==
        "Succeeded");
  CHECK(Compute(always, Runtime({Exited("app", "c1", 137)}), {}, nullptr, true).phase() ==
        "Failed");
  // A terminal phase is never undone.
  PodStatus old;
  old.set_phase("Succeeded");
  CHECK(Compute(always, Runtime({Running("app", "c2")}), {}, &old).phase() == "Succeeded");
}

TEST_CASE("a crash-looping container waits in CrashLoopBackOff with its last state") {
  auto pod = TestPod("Always", {"app"});
  RuntimePod runtime = Runtime({Exited("app", "c2", 1, 2), Exited("app", "c1", 1, 1)});
  PodStatus status =
      Compute(pod, runtime,
              {{"app", {"CrashLoopBackOff", "back-off 20s restarting failed container=app"}}});
  const auto& app = status.containerstatuses(0);
  CHECK(app.state().waiting().reason() == "CrashLoopBackOff");
  CHECK(app.laststate().terminated().exitcode() == 1);
  CHECK(app.laststate().terminated().containerid() == "containerd://c2");
  CHECK(app.restartcount() == 2);
  CHECK(status.phase() == "Running");

  // An image that cannot be pulled.
  PodStatus pull = Compute(pod, Runtime({}), {{"app", {"ErrImagePull", "not found"}}});
  CHECK(pull.containerstatuses(0).state().waiting().reason() == "ErrImagePull");
  CHECK(pull.phase() == "Pending");
}

TEST_CASE("init containers gate initialization") {
  auto pod = TestPod("Always", {"app"}, {"init"});
  PodStatus initializing = Compute(pod, Runtime({Running("init", "i1")}));
  CHECK(initializing.phase() == "Pending");
  CHECK(initializing.initcontainerstatuses(0).state().has_running());
  CHECK_FALSE(initializing.initcontainerstatuses(0).ready());
  CHECK(initializing.containerstatuses(0).state().waiting().reason() == "PodInitializing");
  CHECK(Condition(initializing, "Initialized").status() == "False");
  CHECK(Condition(initializing, "Initialized").message() ==
        "containers with incomplete status: [init]");

  PodStatus done = Compute(pod, Runtime({Exited("init", "i1", 0), Running("app", "a1")}));
  CHECK(done.phase() == "Running");
  CHECK(done.initcontainerstatuses(0).ready());
  CHECK(done.initcontainerstatuses(0).state().terminated().reason() == "Completed");
  CHECK(Condition(done, "Initialized").status() == "True");

  auto never = TestPod("Never", {"app"}, {"init"});
  CHECK(Compute(never, Runtime({Exited("init", "i1", 1)})).phase() == "Failed");
}

TEST_CASE("the pod IP survives the sandbox, PodScheduled from the API is kept") {
  auto pod = TestPod("Never", {"app"});
  auto* scheduled = pod.mutable_status()->add_conditions();
  scheduled->set_type("PodScheduled");
  scheduled->set_status("True");
  scheduled->mutable_lasttransitiontime()->set_seconds(5);
  PodStatus old;
  old.set_podip("10.1.0.99");
  PodStatus status = Compute(pod, Runtime({Exited("app", "c1", 0)}, false), {}, &old);
  CHECK(status.podip() == "10.1.0.99");
  CHECK(Condition(status, "PodScheduled").lasttransitiontime().seconds() == 5);
  CHECK(Condition(status, "PodReadyToStartContainers").status() == "False");
  CHECK(Condition(status, "Ready").reason() == "PodCompleted");
}

}  // namespace
}  // namespace kube::kubelet
