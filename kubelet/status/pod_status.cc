#include "kubelet/status/pod_status.h"

#include <set>

#include "common/util/strings.h"
#include "kubelet/container/api_time.h"
#include "kubelet/qos/qos.h"
#include "kubelet/status/container_statuses.h"

namespace kube::kubelet {
namespace {

using k8s::core::v1::PodCondition;
using k8s::core::v1::PodStatus;

// The conditions the kubelet owns; others (PodScheduled, readiness gates set by
// controllers, DisruptionTarget) carry over as they are.
const std::set<std::string>& KubeletConditions() {
  static const auto* types = new std::set<std::string>{"PodReadyToStartContainers", "Initialized",
                                                       "Ready", "ContainersReady"};
  return *types;
}

const PodCondition* FindCondition(const PodStatus* status, const std::string& type) {
  if (status == nullptr) return nullptr;
  for (const PodCondition& condition : status->conditions()) {
    if (condition.type() == type) return &condition;
  }
  return nullptr;
}

std::string Bracketed(const std::vector<std::string>& names) {
  return kube::StrCat("[", kube::StrJoin(names, " "), "]");
}

class Conditions {
 public:
  Conditions(const PodStatusInput& input, PodStatus& status) : input_(input), status_(status) {}

  void Set(const std::string& type, bool value, const std::string& reason = "",
           const std::string& message = "") {
    PodCondition* condition = status_.add_conditions();
    condition->set_type(type);
    condition->set_status(value ? "True" : "False");
    if (!reason.empty()) condition->set_reason(reason);
    if (!message.empty()) condition->set_message(message);
    const PodCondition* old = FindCondition(input_.old_status, type);
    if (old != nullptr && old->status() == condition->status() && old->has_lasttransitiontime()) {
      *condition->mutable_lasttransitiontime() = old->lasttransitiontime();
    } else {
      *condition->mutable_lasttransitiontime() = ToApiTime(input_.now);
    }
  }

 private:
  const PodStatusInput& input_;
  PodStatus& status_;
};

}  // namespace

PodStatus ComputePodStatus(const PodStatusInput& input) {
  const k8s::core::v1::Pod& pod = *input.pod;
  const PodStatus* old = input.old_status;
  PodStatus status;

  *status.mutable_initcontainerstatuses() =
      ContainerStatuses(input, pod.spec().initcontainers(), /*init=*/true);
  *status.mutable_containerstatuses() =
      ContainerStatuses(input, pod.spec().containers(), /*init=*/false);

  std::string phase = PodPhase(pod, status, input.terminal);
  if (old != nullptr && IsTerminalPhase(old->phase())) phase = old->phase();  // never undone
  status.set_phase(phase);

  // Addresses.
  status.set_hostip(input.host_ip);
  if (!input.host_ip.empty()) status.add_hostips()->set_ip(input.host_ip);
  std::string pod_ip;
  if (pod.spec().hostnetwork()) {
    pod_ip = input.host_ip;
  } else if (const PodSandboxStatus* sandbox = input.runtime->LatestSandbox();
             sandbox != nullptr && sandbox->state == SandboxState::kReady) {
    pod_ip = sandbox->ip;
  }
  if (pod_ip.empty() && old != nullptr) pod_ip = old->podip();
  if (!pod_ip.empty()) {
    status.set_podip(pod_ip);
    status.add_podips()->set_ip(pod_ip);
  }
  if (old != nullptr && old->has_starttime()) {
    *status.mutable_starttime() = old->starttime();
  } else {
    *status.mutable_starttime() = ToApiTime(input.now);
  }
  status.set_qosclass(QosClassName(QosOf(pod)));
  if (old != nullptr) {
    status.set_nominatednodename(old->nominatednodename());
    if (IsTerminalPhase(old->phase())) {
      status.set_reason(old->reason());
      status.set_message(old->message());
    }
  }

  // Conditions, in upstream's order.
  Conditions conditions(input, status);
  const PodSandboxStatus* sandbox = input.runtime->LatestSandbox();
  conditions.Set("PodReadyToStartContainers",
                 sandbox != nullptr && sandbox->state == SandboxState::kReady);

  std::vector<std::string> incomplete;
  for (const auto& init : status.initcontainerstatuses()) {
    if (!(init.state().has_terminated() && init.state().terminated().exitcode() == 0)) {
      incomplete.push_back(init.name());
    }
  }
  const bool initialized = incomplete.empty() || (phase == "Succeeded");
  if (initialized) {
    conditions.Set("Initialized", true);
  } else {
    conditions.Set("Initialized", false, "ContainersNotInitialized",
                   kube::StrCat("containers with incomplete status: ", Bracketed(incomplete)));
  }

  std::vector<std::string> unready;
  for (const auto& container : status.containerstatuses()) {
    if (!container.ready()) unready.push_back(container.name());
  }
  std::string ready_reason, ready_message;
  bool containers_ready = unready.empty();
  if (phase == "Succeeded") {
    containers_ready = false;
    ready_reason = "PodCompleted";
  } else if (!unready.empty()) {
    ready_reason = "ContainersNotReady";
    ready_message = kube::StrCat("containers with unready status: ", Bracketed(unready));
  }
  bool ready = containers_ready;
  std::string gate_reason, gate_message;
  if (ready) {
    for (const auto& gate : pod.spec().readinessgates()) {
      const PodCondition* condition = FindCondition(&pod.status(), gate.conditiontype());
      if (condition == nullptr || condition->status() != "True") {
        ready = false;
        gate_reason = "ReadinessGatesNotReady";
        gate_message =
            condition == nullptr
                ? kube::StrCat("corresponding condition of pod readiness gate \"",
                               gate.conditiontype(), "\" does not exist.")
                : kube::StrCat("the status of pod readiness gate \"", gate.conditiontype(),
                               "\" is not \"True\", but ", condition->status());
        break;
      }
    }
  }
  if (ready) {
    conditions.Set("Ready", true);
  } else if (!gate_reason.empty()) {
    conditions.Set("Ready", false, gate_reason, gate_message);
  } else {
    conditions.Set("Ready", false, ready_reason, ready_message);
  }
  conditions.Set("ContainersReady", containers_ready, containers_ready ? "" : ready_reason,
                 containers_ready ? "" : ready_message);

  // Conditions others own, as the API has them; PodScheduled is true if it is on
  // this node at all.
  bool scheduled = false;
  for (const PodCondition& condition : pod.status().conditions()) {
    if (KubeletConditions().contains(condition.type())) continue;
    *status.add_conditions() = condition;
    scheduled = scheduled || condition.type() == "PodScheduled";
  }
  if (!scheduled) conditions.Set("PodScheduled", true);
  return status;
}

}  // namespace kube::kubelet
