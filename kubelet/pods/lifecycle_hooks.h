#pragma once

#include <optional>
#include <string>

#include "absl/time/time.h"
#include "k8s/core/v1/core.pb.h"
#include "kubelet/probes/prober.h"
#include "kubelet/runtime/runtime.h"

namespace kube::kubelet {

// Runs a container's postStart and preStop handlers as upstream: exec through the
// runtime, httpGet and tcpSocket against the pod IP (or the handler's host), sleep
// in the kubelet. Thread-safe; blocks up to `timeout`.
class LifecycleHookRunner {
 public:
  explicit LifecycleHookRunner(Runtime& runtime) : prober_(runtime) {}

  // Nothing on success, else why the handler failed (for the FailedPostStartHook /
  // FailedPreStopHook event).
  std::optional<std::string> Run(const k8s::core::v1::LifecycleHandler& handler,
                                 const ProbeTarget& target, absl::Duration timeout);

 private:
  Prober prober_;
};

// The target of a container's hooks: its id, the pod's IP and the container's
// ports (for named ports).
ProbeTarget HookTarget(const k8s::core::v1::Pod& pod, const k8s::core::v1::Container& container,
                       const std::string& container_id);

}  // namespace kube::kubelet
