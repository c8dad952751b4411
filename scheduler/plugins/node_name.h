#pragma once

#include "scheduler/framework/interface.h"

namespace kube::scheduler::plugins {

// Filter: a pod that names its node (spec.nodeName) fits only that node.
class NodeName final : public framework::FilterPlugin {
 public:
  static constexpr char kReason[] = "node(s) didn't match the requested node name";

  std::string_view Name() const override;
  // framework::FilterPlugin
  framework::PluginStatus Filter(const framework::CycleState& state,
                                 const framework::PodInfo& pod,
                                 const framework::NodeInfo& node) const override;
};

}  // namespace kube::scheduler::plugins
