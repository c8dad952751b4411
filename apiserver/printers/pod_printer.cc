// The Pod table: READY, STATUS and RESTARTS computed as upstream's printPod does.

#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "apiserver/printers/printer_util.h"
#include "apiserver/printers/printers.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver {
namespace {

using namespace printer_internal;
using k8s::core::v1::Container;
using k8s::core::v1::ContainerStatus;
using k8s::core::v1::Pod;
using k8s::meta::v1::Time;

// The reason the node controller gives pods on a node it lost contact with.
constexpr char kNodeUnreachablePodReason[] = "NodeLost";

// A sidecar: an init container that keeps running (restartPolicy: Always).
bool IsRestartableInitContainer(const Container* container) {
  return container != nullptr && container->has_restartpolicy() &&
         container->restartpolicy() == "Always";
}

bool HasCondition(const Pod& pod, const std::string& type) {
  for (const auto& condition : pod.status().conditions()) {
    if (condition.type() == type) return condition.status() == "True";
  }
  return false;
}

// Keeps the later of `latest` and the finish time of the container's last run.
void NoteLastTermination(const ContainerStatus& status, Time& latest) {
  if (!status.has_laststate() || !status.laststate().has_terminated()) return;
  const Time& finished = status.laststate().terminated().finishedat();
  if (ToAbslTime(latest) < ToAbslTime(finished)) latest = finished;
}

// "Signal:9" / "ExitCode:1" for a terminated container that gave no reason.
std::string TerminatedWithoutReason(const k8s::core::v1::ContainerStateTerminated& state) {
  if (state.signal() != 0) return absl::StrCat("Signal:", state.signal());
  return absl::StrCat("ExitCode:", state.exitcode());
}

std::string ReadinessGates(const Pod& pod) {
  const auto& gates = pod.spec().readinessgates();
  if (gates.empty()) return "<none>";
  int satisfied = 0;
  for (const auto& gate : gates) {
    for (const auto& condition : pod.status().conditions()) {
      if (condition.type() == gate.conditiontype()) {
        if (condition.status() == "True") ++satisfied;
        break;
      }
    }
  }
  return absl::StrCat(satisfied, "/", gates.size());
}

std::string PodIP(const Pod& pod) {
  std::string ip;
  if (pod.status().podips_size() > 0) {
    ip = pod.status().podips(0).ip();
  } else {
    ip = pod.status().podip();
  }
  return ip.empty() ? "<none>" : ip;
}

std::string OrNone(const std::string& text) { return text.empty() ? "<none>" : text; }

std::vector<TableCell> PodRow(const Pod& pod, absl::Time now) {
  const auto& spec = pod.spec();
  const auto& status = pod.status();
  int64_t restarts = 0;
  int64_t sidecar_restarts = 0;
  int64_t total = spec.containers_size();
  int64_t ready = 0;
  Time last_restart;
  Time last_sidecar_restart;

  std::string reason = status.reason().empty() ? status.phase() : status.reason();
  for (const auto& condition : status.conditions()) {
    if (condition.type() == "PodScheduled" && condition.reason() == "SchedulingGated") {
      reason = "SchedulingGated";
    }
  }

  std::map<std::string, const Container*> init_containers;
  for (const Container& container : spec.initcontainers()) {
    init_containers[container.name()] = &container;
    if (IsRestartableInitContainer(&container)) ++total;
  }

  // The first init container not done decides the status.
  bool initializing = false;
  for (int i = 0; i < status.initcontainerstatuses_size(); ++i) {
    const ContainerStatus& container = status.initcontainerstatuses(i);
    restarts += container.restartcount();
    NoteLastTermination(container, last_restart);
    auto found = init_containers.find(container.name());
    const bool sidecar =
        IsRestartableInitContainer(found == init_containers.end() ? nullptr : found->second);
    if (sidecar) {
      sidecar_restarts += container.restartcount();
      NoteLastTermination(container, last_sidecar_restart);
    }
    const auto& state = container.state();
    if (state.has_terminated() && state.terminated().exitcode() == 0) continue;
    if (sidecar && container.has_started() && container.started()) {
      if (container.ready()) ++ready;
      continue;
    }
    if (state.has_terminated()) {
      const auto& terminated = state.terminated();
      reason = terminated.reason().empty()
                   ? absl::StrCat("Init:", TerminatedWithoutReason(terminated))
                   : absl::StrCat("Init:", terminated.reason());
    } else if (state.has_waiting() && !state.waiting().reason().empty() &&
               state.waiting().reason() != "PodInitializing") {
      reason = absl::StrCat("Init:", state.waiting().reason());
    } else {
      reason = absl::StrCat("Init:", i, "/", spec.initcontainers_size());
    }
    initializing = true;
    break;
  }

  if (!initializing || HasCondition(pod, "Initialized")) {
    restarts = sidecar_restarts;
    last_restart = last_sidecar_restart;
    bool has_running = false;
    for (int i = status.containerstatuses_size() - 1; i >= 0; --i) {
      const ContainerStatus& container = status.containerstatuses(i);
      restarts += container.restartcount();
      NoteLastTermination(container, last_restart);
      const auto& state = container.state();
      if (state.has_waiting() && !state.waiting().reason().empty()) {
        reason = state.waiting().reason();
      } else if (state.has_terminated() && !state.terminated().reason().empty()) {
        reason = state.terminated().reason();
      } else if (state.has_terminated()) {
        reason = TerminatedWithoutReason(state.terminated());
      } else if (container.ready() && state.has_running()) {
        has_running = true;
        ++ready;
      }
    }
    // A container still running turns "Completed" back into Running or NotReady.
    if (reason == "Completed" && has_running) {
      reason = HasCondition(pod, "Ready") ? "Running" : "NotReady";
    }
  }

  const auto& meta = pod.metadata();
  if (meta.has_deletiontimestamp()) {
    if (status.reason() == kNodeUnreachablePodReason) {
      reason = "Unknown";
    } else if (status.phase() != "Succeeded" && status.phase() != "Failed") {
      reason = "Terminating";
    }
  }

  std::string restarts_text = absl::StrCat(restarts);
  if (restarts != 0 && !IsZeroTime(last_restart)) {
    absl::StrAppend(&restarts_text, " (", TimestampSince(last_restart, now), " ago)");
  }

  return {meta.name(),
          absl::StrCat(ready, "/", total),
          reason,
          restarts_text,
          Age(meta, now),
          PodIP(pod),
          OrNone(spec.nodename()),
          OrNone(status.nominatednodename()),
          ReadinessGates(pod)};
}

}  // namespace

std::unique_ptr<TablePrinter> NewPodPrinter() {
  return MakePrinter<Pod>(
      {
          NameColumn(),
          Column("Ready", "string",
                 "The aggregate readiness state of this pod for accepting traffic."),
          Column("Status", "string", "The aggregate status of the containers in this pod."),
          Column("Restarts", "string",
                 "The number of times the containers in this pod have been restarted and when "
                 "the last container in this pod has restarted."),
          AgeColumn(),
          Column("IP", "string", "IP address allocated to the pod.", 1),
          Column("Node", "string", "The node the pod is scheduled onto.", 1),
          Column("Nominated Node", "string",
                 "The node the scheduler nominated for this pod after preemption.", 1),
          Column("Readiness Gates", "string",
                 "How many of the pod's readiness gates are satisfied.", 1),
      },
      PodRow);
}

}  // namespace kube::apiserver
