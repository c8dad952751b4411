#include "scheduler/plugins/node_name.h"

#include "scheduler/plugins/names.h"

namespace kube::scheduler::plugins {

std::string_view NodeName::Name() const { return names::kNodeName; }

framework::PluginStatus NodeName::Filter(const framework::CycleState& state,
                                         const framework::PodInfo& pod,
                                         const framework::NodeInfo& node) const {
  const std::string& wanted = pod.pod->spec().nodename();
  if (wanted.empty() || wanted == node.name()) return framework::PluginStatus::Success();
  return framework::PluginStatus::Unresolvable(kReason);
}

}  // namespace kube::scheduler::plugins
