// Upstream's getPhase (pkg/kubelet/kubelet_pods.go), without sidecars.

#include "kubelet/status/pod_status.h"

namespace kube::kubelet {
namespace {

const k8s::core::v1::ContainerStatus* Find(
    const google::protobuf::RepeatedPtrField<k8s::core::v1::ContainerStatus>& statuses,
    const std::string& name) {
  for (const auto& status : statuses) {
    if (status.name() == name) return &status;
  }
  return nullptr;
}

}  // namespace

bool IsTerminalPhase(const std::string& phase) { return phase == "Succeeded" || phase == "Failed"; }

std::string PodPhase(const k8s::core::v1::Pod& pod, const k8s::core::v1::PodStatus& status,
                     bool terminal) {
  const auto& spec = pod.spec();
  int pending_initialization = 0;
  int failed_initialization = 0;
  for (const auto& container : spec.initcontainers()) {
    const auto* s = Find(status.initcontainerstatuses(), container.name());
    if (s == nullptr) {
      ++pending_initialization;
      continue;
    }
    if (s->state().has_running()) {
      ++pending_initialization;
    } else if (s->state().has_terminated()) {
      if (s->state().terminated().exitcode() != 0) ++failed_initialization;
    } else if (s->state().has_waiting()) {
      if (s->laststate().has_terminated()) {
        if (s->laststate().terminated().exitcode() != 0) ++failed_initialization;
      } else {
        ++pending_initialization;
      }
    } else {
      ++pending_initialization;
    }
  }

  int unknown = 0, running = 0, waiting = 0, stopped = 0, succeeded = 0;
  bool any_started = false;
  for (const auto& container : spec.containers()) {
    const auto* s = Find(status.containerstatuses(), container.name());
    if (s == nullptr) {
      ++unknown;
      continue;
    }
    if (s->state().has_running()) {
      ++running;
      any_started = true;
    } else if (s->state().has_terminated()) {
      ++stopped;
      any_started = true;
      if (s->state().terminated().exitcode() == 0) ++succeeded;
    } else if (s->state().has_waiting()) {
      if (s->laststate().has_terminated()) {
        ++stopped;
        any_started = true;
      } else {
        ++waiting;
      }
    } else {
      ++unknown;
    }
  }

  const std::string& policy = spec.restartpolicy();
  if (failed_initialization > 0 && policy == "Never") return "Failed";
  if ((pending_initialization > 0 && !any_started) || waiting > 0) return "Pending";
  if (running > 0 && unknown == 0) return "Running";
  if (running == 0 && stopped > 0 && unknown == 0) {
    if (terminal) return stopped == succeeded ? "Succeeded" : "Failed";
    if (policy == "Always") return "Running";
    if (stopped == succeeded) return "Succeeded";
    if (policy == "Never") return "Failed";
    return "Running";
  }
  return "Pending";
}

}  // namespace kube::kubelet
