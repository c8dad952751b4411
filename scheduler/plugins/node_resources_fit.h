#pragma once

#include "scheduler/framework/interface.h"

namespace kube::scheduler::plugins {

// Filter: the node has room for the pod's effective requests (cpu, memory,
// ephemeral-storage, extended resources) and for one more pod. Reasons are
// upstream's: "Insufficient cpu", "Insufficient example.com/gpu", "Too many pods"
// (several at once when several resources fall short).
// Score: the LeastAllocated strategy (least_allocated.h).
class NodeResourcesFit final : public framework::FilterPlugin, public framework::ScorePlugin {
 public:
  std::string_view Name() const override;
  // framework::FilterPlugin
  framework::PluginStatus Filter(const framework::CycleState& state,
                                 const framework::PodInfo& pod,
                                 const framework::NodeInfo& node) const override;
  // framework::ScorePlugin
  int64_t Score(const framework::CycleState& state, const framework::PodInfo& pod,
                const framework::NodeInfo& node) const override;
};

}  // namespace kube::scheduler::plugins
