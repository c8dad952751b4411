#pragma once

#include "scheduler/framework/interface.h"

namespace kube::scheduler::plugins {

// Filter: every NoSchedule and NoExecute taint of the node is tolerated by the pod;
// the reason names the first one that is not ("node(s) had untolerated taint
// {dedicated: gpu}").
// Score: fewer untolerated PreferNoSchedule taints is better (the node with the
// most scores 0, nodes with none 100).
class TaintToleration final : public framework::FilterPlugin,
                              public framework::PreScorePlugin,
                              public framework::ScorePlugin {
 public:
  std::string_view Name() const override;
  // framework::FilterPlugin
  framework::PluginStatus Filter(const framework::CycleState& state,
                                 const framework::PodInfo& pod,
                                 const framework::NodeInfo& node) const override;
  // framework::PreScorePlugin
  framework::PluginStatus PreScore(framework::CycleState& state, const framework::PodInfo& pod,
                                   const std::vector<const framework::NodeInfo*>& nodes) override;
  // framework::ScorePlugin
  int64_t Score(const framework::CycleState& state, const framework::PodInfo& pod,
                const framework::NodeInfo& node) const override;
  void NormalizeScore(const framework::CycleState& state, const framework::PodInfo& pod,
                      std::vector<int64_t>& scores) const override;
};

}  // namespace kube::scheduler::plugins
