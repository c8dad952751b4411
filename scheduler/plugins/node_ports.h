#pragma once

#include "scheduler/framework/interface.h"

namespace kube::scheduler::plugins {

// Filter: the pod's host ports must be free on the node, per protocol and address
// (the wildcard address collides with every address). Pods without host ports
// skip it.
class NodePorts final : public framework::PreFilterPlugin, public framework::FilterPlugin {
 public:
  static constexpr char kReason[] = "node(s) didn't have free ports for the requested pod ports";

  std::string_view Name() const override;
  // framework::PreFilterPlugin
  framework::PluginStatus PreFilter(framework::CycleState& state,
                                    const framework::PodInfo& pod) override;
  // framework::FilterPlugin
  framework::PluginStatus Filter(const framework::CycleState& state,
                                 const framework::PodInfo& pod,
                                 const framework::NodeInfo& node) const override;
};

}  // namespace kube::scheduler::plugins
