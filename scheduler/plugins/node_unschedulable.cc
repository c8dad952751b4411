#include "scheduler/plugins/node_unschedulable.h"

#include "scheduler/plugins/names.h"
#include "common/api/tolerations.h"

namespace kube::scheduler::plugins {

std::string_view NodeUnschedulable::Name() const { return names::kNodeUnschedulable; }

framework::PluginStatus NodeUnschedulable::Filter(const framework::CycleState& state,
                                                  const framework::PodInfo& pod,
                                                  const framework::NodeInfo& node) const {
  if (!node.node()->spec().unschedulable()) return framework::PluginStatus::Success();
  k8s::core::v1::Taint cordon;
  cordon.set_key("node.kubernetes.io/unschedulable");
  cordon.set_effect("NoSchedule");
  if (api::TolerationsTolerateTaint(pod.pod->spec().tolerations(), cordon)) {
    return framework::PluginStatus::Success();
  }
  return framework::PluginStatus::Unresolvable(kReason);
}

}  // namespace kube::scheduler::plugins
