#include "scheduler/plugins/node_ports.h"

#include "scheduler/plugins/names.h"

namespace kube::scheduler::plugins {

std::string_view NodePorts::Name() const { return names::kNodePorts; }

framework::PluginStatus NodePorts::PreFilter(framework::CycleState& state,
                                             const framework::PodInfo& pod) {
  return pod.host_ports.empty() ? framework::PluginStatus::Skip()
                                : framework::PluginStatus::Success();
}

framework::PluginStatus NodePorts::Filter(const framework::CycleState& state,
                                          const framework::PodInfo& pod,
                                          const framework::NodeInfo& node) const {
  for (const framework::HostPort& port : pod.host_ports) {
    if (node.HostPortInUse(port)) return framework::PluginStatus::Unschedulable(kReason);
  }
  return framework::PluginStatus::Success();
}

}  // namespace kube::scheduler::plugins
