#include "kubelet/pods/pod_actions.h"

#include "common/util/strings.h"
#include "kubelet/container/labels.h"

namespace kube::kubelet {
namespace {

using k8s::core::v1::Container;
using k8s::core::v1::Pod;

bool RestartOnFailure(const Pod& pod) { return pod.spec().restartpolicy() != "Never"; }

bool Succeeded(const ContainerStatus* status) {
  return status != nullptr && status->state == ContainerState::kExited && status->exit_code == 0;
}

bool Failed(const ContainerStatus* status) {
  return status != nullptr && status->state == ContainerState::kExited && status->exit_code != 0;
}

// Upstream's findNextInitContainerToRun: the last init container's status, the
// next init container to start (-1 for none), and whether initialization is done.
struct InitProgress {
  const ContainerStatus* last = nullptr;
  int next = -1;
  bool done = false;
};

// The newest instance of a container in `sandbox_id` ("" for any sandbox): init
// containers run again in a new sandbox.
const ContainerStatus* LatestIn(const RuntimePod& runtime, const std::string& name,
                                const std::string& sandbox_id) {
  for (const ContainerStatus& container : runtime.containers) {
    if (container.name != name) continue;
    if (sandbox_id.empty() || container.sandbox_id == sandbox_id) return &container;
  }
  return nullptr;
}

InitProgress NextInitContainer(const Pod& pod, const RuntimePod& runtime,
                               const std::string& sandbox_id) {
  InitProgress progress;
  const auto& inits = pod.spec().initcontainers();
  if (inits.empty()) {
    progress.done = true;
    return progress;
  }
  // Once an app container ran, initialization is over.
  for (const Container& container : pod.spec().containers()) {
    if (LatestIn(runtime, container.name(), sandbox_id) != nullptr) {
      progress.done = true;
      return progress;
    }
  }
  // A failed init container is the one to run again.
  for (int i = inits.size() - 1; i >= 0; --i) {
    const ContainerStatus* status = LatestIn(runtime, inits[i].name(), sandbox_id);
    if (Failed(status)) {
      progress.last = status;
      progress.next = i;
      return progress;
    }
  }
  for (int i = inits.size() - 1; i >= 0; --i) {
    const ContainerStatus* status = LatestIn(runtime, inits[i].name(), sandbox_id);
    if (status == nullptr) continue;
    progress.last = status;
    if (status->state == ContainerState::kRunning) return progress;  // wait for it
    if (Succeeded(status)) {
      if (i == inits.size() - 1) {
        progress.done = true;
      } else {
        progress.next = i + 1;
      }
      return progress;
    }
    progress.next = i;  // created or unknown: start it over
    return progress;
  }
  progress.next = 0;
  return progress;
}

}  // namespace

bool ShouldContainerBeRestarted(const Pod& pod, const std::string& container_name,
                                const RuntimePod& runtime) {
  if (pod.metadata().has_deletiontimestamp()) return false;
  const ContainerStatus* status = runtime.Latest(container_name);
  if (status == nullptr) return true;
  if (status->state == ContainerState::kRunning) return false;
  if (status->state == ContainerState::kUnknown || status->state == ContainerState::kCreated) {
    return true;
  }
  const std::string& policy = pod.spec().restartpolicy();
  if (policy == "Never") return false;
  if (policy == "OnFailure" && status->exit_code == 0) return false;
  return true;
}

PodActions ComputePodActions(const Pod& pod, const RuntimePod& runtime,
                             const std::function<bool(const std::string& id)>& liveness_failed) {
  PodActions actions;
  // The sandbox: one ready sandbox is kept; otherwise a new one (next attempt).
  const PodSandboxStatus* sandbox = runtime.LatestSandbox();
  int ready_sandboxes = 0;
  for (const PodSandboxStatus& s : runtime.sandboxes) {
    if (s.state == SandboxState::kReady) ++ready_sandboxes;
  }
  if (sandbox == nullptr) {
    actions.create_sandbox = true;
  } else if (ready_sandboxes != 1 || sandbox->state != SandboxState::kReady) {
    actions.create_sandbox = true;
    actions.sandbox_attempt = sandbox->attempt + 1;
  } else {
    actions.sandbox_id = sandbox->id;
    actions.sandbox_attempt = sandbox->attempt;
  }

  if (actions.create_sandbox) {
    actions.kill_pod = true;
    // A pod that must not restart does not get a new sandbox once its containers ran.
    if (!RestartOnFailure(pod) && actions.sandbox_attempt != 0 && !runtime.containers.empty()) {
      actions.create_sandbox = false;
      return actions;
    }
    for (int i = 0; i < pod.spec().containers_size(); ++i) {
      const Container& container = pod.spec().containers(i);
      if (pod.spec().restartpolicy() == "OnFailure" &&
          Succeeded(runtime.Latest(container.name()))) {
        continue;
      }
      actions.containers_to_start.push_back(i);
    }
    if (actions.containers_to_start.empty() && NextInitContainer(pod, runtime, "").done) {
      actions.create_sandbox = false;
      return actions;
    }
    if (pod.spec().initcontainers_size() > 0) {
      actions.next_init_container = 0;
      actions.containers_to_start.clear();
    }
    return actions;
  }

  // Initialization first.
  InitProgress init = NextInitContainer(pod, runtime, actions.sandbox_id);
  if (!init.done) {
    if (init.next >= 0) {
      if (Failed(init.last) && !RestartOnFailure(pod)) {
        actions.kill_pod = true;
      } else {
        actions.next_init_container = init.next;
      }
    }
    return actions;
  }

  int keep = 0;
  for (int i = 0; i < pod.spec().containers_size(); ++i) {
    const Container& container = pod.spec().containers(i);
    const ContainerStatus* status = runtime.Latest(container.name());
    if (status == nullptr || status->state != ContainerState::kRunning) {
      if (ShouldContainerBeRestarted(pod, container.name(), runtime)) {
        actions.containers_to_start.push_back(i);
      }
      continue;
    }
    std::string message;
    bool restart = RestartOnFailure(pod);
    auto hash = status->annotations.find(kContainerHashAnnotation);
    if (hash != status->annotations.end() && hash->second != ContainerHash(container)) {
      message = kube::StrCat("Container ", container.name(), " definition changed");
      restart = true;
    } else if (liveness_failed && liveness_failed(status->id)) {
      message = kube::StrCat("Container ", container.name(), " failed liveness probe");
    } else {
      ++keep;
      continue;
    }
    if (restart) {
      message += ", will be restarted";
      actions.containers_to_start.push_back(i);
    }
    actions.containers_to_kill.push_back({status->id, container.name(), "Killing", message});
  }
  if (keep == 0 && actions.containers_to_start.empty()) actions.kill_pod = true;
  return actions;
}

}  // namespace kube::kubelet
