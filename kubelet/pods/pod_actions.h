#pragma once

#include <functional>
#include <string>
#include <vector>

#include "k8s/core/v1/core.pb.h"
#include "kubelet/container/runtime_pod.h"

namespace kube::kubelet {

// A running container to stop, and why.
struct ContainerToKill {
  std::string id;
  std::string name;
  std::string reason;   // event reason: "Killing"
  std::string message;  // "Container app failed liveness probe, will be restarted"
};

// What one sync must do to bring the runtime to the pod's spec (upstream's
// computePodActions, without sidecars and ephemeral containers).
struct PodActions {
  // Stop every container and the sandbox (its network changed, or nothing is left
  // to run).
  bool kill_pod = false;
  bool create_sandbox = false;
  std::string sandbox_id;  // the sandbox to use when not creating one
  uint32_t sandbox_attempt = 0;
  // The init container to start next (index into spec.initContainers), or -1.
  int next_init_container = -1;
  // App containers to start, in spec order (indices into spec.containers).
  std::vector<int> containers_to_start;
  std::vector<ContainerToKill> containers_to_kill;
};

// Whether a container that is not running should be started (again): never once
// the pod is being deleted; always when it never ran or is in an odd state; else
// per restartPolicy and its exit code.
bool ShouldContainerBeRestarted(const k8s::core::v1::Pod& pod, const std::string& container_name,
                                const RuntimePod& runtime);

// `liveness_failed(id)` says whether a running container failed its liveness or
// startup probe (and must be replaced).
PodActions ComputePodActions(const k8s::core::v1::Pod& pod, const RuntimePod& runtime,
                             const std::function<bool(const std::string& id)>& liveness_failed);

}  // namespace kube::kubelet
