#pragma once

#include "scheduler/framework/interface.h"

namespace kube::scheduler::plugins {

// Filter: a cordoned node (spec.unschedulable) takes no new pods, unless the pod
// tolerates the node.kubernetes.io/unschedulable:NoSchedule taint (as DaemonSet
// pods do).
class NodeUnschedulable final : public framework::FilterPlugin {
 public:
  static constexpr char kReason[] = "node(s) were unschedulable";

  std::string_view Name() const override;
  // framework::FilterPlugin
  framework::PluginStatus Filter(const framework::CycleState& state,
                                 const framework::PodInfo& pod,
                                 const framework::NodeInfo& node) const override;
};

}  // namespace kube::scheduler::plugins
