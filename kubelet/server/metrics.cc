#include "kubelet/server/metrics.h"

#include <map>

#include "common/util/strings.h"
#include "kubelet/container/labels.h"
#include "kubelet/server/node_stats.h"

namespace kube::kubelet {
namespace {

const char* StateName(ContainerState state) {
  switch (state) {
    case ContainerState::kCreated:
      return "created";
    case ContainerState::kRunning:
      return "running";
    case ContainerState::kExited:
      return "exited";
    case ContainerState::kUnknown:
      break;
  }
  return "unknown";
}

void Gauge(std::string& out, const char* name, const char* help) {
  kube::StrAppend(&out, "# HELP ", name, " ", help, "\n# TYPE ", name, " gauge\n");
}

}  // namespace

absl::StatusOr<std::string> PrometheusMetrics(Runtime& runtime, const std::string& node_name,
                                              const std::string& root_dir,
                                              absl::Time process_start) {
  absl::StatusOr<std::vector<PodSandboxStatus>> sandboxes = runtime.ListPodSandboxes();
  if (!sandboxes.ok()) return sandboxes.status();
  absl::StatusOr<std::vector<ContainerStatus>> containers =
      runtime.ListContainers(ContainerFilter{.labels = {{kManagedLabel, "true"}}});
  if (!containers.ok()) return containers.status();

  std::string out;
  Gauge(out, "kubelet_node_name", "The node's name. The count is always 1.");
  kube::StrAppend(&out, "kubelet_node_name{node=\"", node_name, "\"} 1\n");

  int64_t running_pods = 0;
  for (const PodSandboxStatus& sandbox : *sandboxes) {
    if (sandbox.state == SandboxState::kReady) ++running_pods;
  }
  Gauge(out, "kubelet_running_pods", "Number of pods that have a running pod sandbox.");
  kube::StrAppend(&out, "kubelet_running_pods ", running_pods, "\n");

  std::map<std::string, int64_t> by_state = {
      {"created", 0}, {"running", 0}, {"exited", 0}, {"unknown", 0}};
  for (const ContainerStatus& container : *containers) ++by_state[StateName(container.state)];
  Gauge(out, "kubelet_running_containers", "Number of containers currently running.");
  for (const auto& [state, count] : by_state) {
    kube::StrAppend(&out, "kubelet_running_containers{container_state=\"", state, "\"} ", count,
                    "\n");
  }

  absl::StatusOr<NodeStats> node = ReadNodeStats("/proc", root_dir);
  if (node.ok()) {
    Gauge(out, "node_memory_working_set_bytes",
          "Current working set of the node in bytes (memory in use minus inactive file pages).");
    kube::StrAppend(&out, "node_memory_working_set_bytes ", node->memory_working_set_bytes, "\n");
    kube::StrAppend(&out,
                    "# HELP node_cpu_usage_seconds_total Cumulative CPU time the node consumed.\n"
                    "# TYPE node_cpu_usage_seconds_total counter\n");
    kube::StrAppend(&out, "node_cpu_usage_seconds_total ",
                    static_cast<double>(node->cpu_usage_core_nanoseconds) / 1e9, "\n");
  }
  Gauge(out, "process_resident_memory_bytes", "Resident memory size in bytes.");
  kube::StrAppend(&out, "process_resident_memory_bytes ", ProcessResidentBytes(), "\n");
  Gauge(out, "process_start_time_seconds", "Start time of the process since unix epoch in seconds.");
  kube::StrAppend(&out, "process_start_time_seconds ", absl::ToUnixSeconds(process_start), "\n");
  return out;
}

}  // namespace kube::kubelet
