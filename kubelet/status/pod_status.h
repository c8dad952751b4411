#pragma once

#include <functional>
#include <map>
#include <string>

#include "absl/time/time.h"
#include "k8s/core/v1/core.pb.h"
#include "kubelet/container/runtime_pod.h"
#include "kubelet/probes/probe_manager.h"
#include "kubelet/probes/prober.h"

namespace kube::kubelet {

// Why a container could not be started at the last sync: the waiting reason the
// status shows ("CrashLoopBackOff", "ErrImagePull", "ImagePullBackOff",
// "ErrImageNeverPull", "CreateContainerConfigError", "CreateContainerError",
// "RunContainerError") and its message.
struct ContainerSyncError {
  std::string reason;
  std::string message;
};

// Everything the pod's status is computed from.
struct PodStatusInput {
  const k8s::core::v1::Pod* pod = nullptr;
  // The status the kubelet wrote last (or the API's): transition times, startTime
  // and the pod IP of a pod whose sandbox is gone carry over from it.
  const k8s::core::v1::PodStatus* old_status = nullptr;
  const RuntimePod* runtime = nullptr;  // with full container statuses
  std::string runtime_name = "containerd";
  std::string host_ip;
  std::map<std::string, ContainerSyncError> sync_errors;  // by container name
  // Probe results by container id (kUnknown where there is no such probe).
  std::function<ProbeResult(const std::string& container_id, ProbeType type)> probe_result;
  // The pod is finished: nothing will be restarted, so all-stopped is terminal.
  bool terminal = false;
  absl::Time now;
};

// The status the kubelet reports (upstream's generateAPIPodStatus).
k8s::core::v1::PodStatus ComputePodStatus(const PodStatusInput& input);

// Upstream's getPhase over the computed container statuses.
std::string PodPhase(const k8s::core::v1::Pod& pod, const k8s::core::v1::PodStatus& status,
                     bool terminal);

bool IsTerminalPhase(const std::string& phase);

}  // namespace kube::kubelet
