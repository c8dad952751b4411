#include "kubelet/pods/pod_actions.h"

#include <catch2/catch.hpp>

#include "kubelet/container/labels.h"

namespace kube::kubelet {
namespace {

k8s::core::v1::Pod TestPod(const std::string& policy, std::vector<std::string> containers,
                           std::vector<std::string> init = {}) {
  k8s::core::v1::Pod pod;
  pod.mutable_metadata()->set_uid("u");
  pod.mutable_spec()->set_restartpolicy(policy);
  for (const auto& name : init) pod.mutable_spec()->add_initcontainers()->set_name(name);
  for (const auto& name : containers) pod.mutable_spec()->add_containers()->set_name(name);
  return pod;
}

ContainerStatus Container(const k8s::core::v1::Pod& pod, const std::string& name,
                          ContainerState state, int exit_code = 0, uint32_t attempt = 0) {
  ContainerStatus c;
  c.id = name + "-" + std::to_string(attempt);
  c.name = name;
  c.sandbox_id = "s1";
  c.state = state;
  c.exit_code = exit_code;
  c.attempt = attempt;
  for (const auto& spec : pod.spec().containers()) {
    if (spec.name() == name) c.annotations = ContainerAnnotations(pod, spec, attempt);
  }
  return c;
}

RuntimePod WithSandbox(std::vector<ContainerStatus> containers,
                       SandboxState state = SandboxState::kReady) {
  RuntimePod runtime;
  PodSandboxStatus sandbox;
  sandbox.id = "s1";
  sandbox.state = state;
  runtime.sandboxes.push_back(sandbox);
  runtime.containers = std::move(containers);
  return runtime;
}

auto kNoLiveness = [](const std::string&) { return false; };

TEST_CASE("a new pod gets a sandbox and all its containers") {
  auto pod = TestPod("Always", {"a", "b"});
  PodActions actions = ComputePodActions(pod, RuntimePod(), kNoLiveness);
  CHECK(actions.create_sandbox);
  CHECK(actions.sandbox_attempt == 0);
  CHECK(actions.containers_to_start == std::vector<int>{0, 1});
  CHECK(actions.next_init_container == -1);
}

TEST_CASE("init containers run one at a time, then the app containers") {
  auto pod = TestPod("Always", {"app"}, {"i1", "i2"});
  CHECK(ComputePodActions(pod, RuntimePod(), kNoLiveness).next_init_container == 0);
  auto running = WithSandbox({Container(pod, "i1", ContainerState::kRunning)});
  PodActions wait = ComputePodActions(pod, running, kNoLiveness);
  CHECK(wait.next_init_container == -1);
  CHECK(wait.containers_to_start.empty());
  auto first_done = WithSandbox({Container(pod, "i1", ContainerState::kExited, 0)});
  CHECK(ComputePodActions(pod, first_done, kNoLiveness).next_init_container == 1);
  auto all_done = WithSandbox({Container(pod, "i2", ContainerState::kExited, 0),
                               Container(pod, "i1", ContainerState::kExited, 0)});
  PodActions apps = ComputePodActions(pod, all_done, kNoLiveness);
  CHECK(apps.next_init_container == -1);
  CHECK(apps.containers_to_start == std::vector<int>{0});
  // A failed init container runs again, unless the pod never restarts.
  auto failed = WithSandbox({Container(pod, "i1", ContainerState::kExited, 1)});
  CHECK(ComputePodActions(pod, failed, kNoLiveness).next_init_container == 0);
  auto never = TestPod("Never", {"app"}, {"i1"});
  auto never_failed = WithSandbox({Container(never, "i1", ContainerState::kExited, 1)});
  CHECK(ComputePodActions(never, never_failed, kNoLiveness).kill_pod);
}

TEST_CASE("exited containers restart per restartPolicy") {
  for (auto [policy, code, restart] :
       std::vector<std::tuple<std::string, int, bool>>{{"Always", 0, true},
                                                       {"Always", 1, true},
                                                       {"OnFailure", 0, false},
                                                       {"OnFailure", 1, true},
                                                       {"Never", 0, false},
                                                       {"Never", 1, false}}) {
    INFO(policy << " exit " << code);
    auto pod = TestPod(policy, {"app"});
    auto runtime = WithSandbox({Container(pod, "app", ContainerState::kExited, code)});
    PodActions actions = ComputePodActions(pod, runtime, kNoLiveness);
    CHECK(actions.containers_to_start.size() == (restart ? 1u : 0u));
    // Nothing left to run: the sandbox goes.
    CHECK(actions.kill_pod == !restart);
    CHECK_FALSE(actions.create_sandbox);
  }
}

TEST_CASE("running containers are replaced on liveness failure or a changed spec") {
  auto pod = TestPod("Always", {"app"});
  auto runtime = WithSandbox({Container(pod, "app", ContainerState::kRunning)});
  PodActions keep = ComputePodActions(pod, runtime, kNoLiveness);
  CHECK(keep.containers_to_kill.empty());
  CHECK(keep.containers_to_start.empty());
  CHECK_FALSE(keep.kill_pod);

  PodActions sick = ComputePodActions(pod, runtime, [](const std::string&) { return true; });
  REQUIRE(sick.containers_to_kill.size() == 1);
  CHECK(sick.containers_to_kill[0].message ==
        "Container app failed liveness probe, will be restarted");
  CHECK(sick.containers_to_start == std::vector<int>{0});

  auto never = TestPod("Never", {"app"});
  auto never_runtime = WithSandbox({Container(never, "app", ContainerState::kRunning)});
  PodActions never_sick =
      ComputePodActions(never, never_runtime, [](const std::string&) { return true; });
  CHECK(never_sick.containers_to_kill.size() == 1);
  CHECK(never_sick.containers_to_start.empty());

  auto changed = pod;
  changed.mutable_spec()->mutable_containers(0)->set_image("nginx:2");
  PodActions replace = ComputePodActions(changed, runtime, kNoLiveness);
  REQUIRE(replace.containers_to_kill.size() == 1);
  CHECK(replace.containers_to_kill[0].message ==
        "Container app definition changed, will be restarted");
}

TEST_CASE("a dead sandbox is replaced, unless the pod must not restart") {
  auto pod = TestPod("Always", {"app"});
  auto dead =
      WithSandbox({Container(pod, "app", ContainerState::kExited, 137)}, SandboxState::kNotReady);
  PodActions actions = ComputePodActions(pod, dead, kNoLiveness);
  CHECK(actions.kill_pod);
  CHECK(actions.create_sandbox);
  CHECK(actions.sandbox_attempt == 1);
  auto never = TestPod("Never", {"app"});
  auto never_dead =
      WithSandbox({Container(never, "app", ContainerState::kExited, 137)}, SandboxState::kNotReady);
  CHECK_FALSE(ComputePodActions(never, never_dead, kNoLiveness).create_sandbox);
}

TEST_CASE("a pod being deleted restarts nothing") {
  auto pod = TestPod("Always", {"app"});
  pod.mutable_metadata()->mutable_deletiontimestamp()->set_seconds(1);
  auto runtime = WithSandbox({Container(pod, "app", ContainerState::kExited, 1)});
  CHECK_FALSE(ShouldContainerBeRestarted(pod, "app", runtime));
}

}  // namespace
}  // namespace kube::kubelet
