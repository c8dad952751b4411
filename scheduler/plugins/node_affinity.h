#pragma once

#include "scheduler/framework/interface.h"

namespace kube::scheduler::plugins {

// Filter: the node's labels satisfy the pod's spec.nodeSelector and its required
// node affinity (terms ORed; within a term every expression and field must hold;
// operators In, NotIn, Exists, DoesNotExist, Gt, Lt; matchFields on
// metadata.name).
// Score: the sum of the weights of the preferred terms the node matches, scaled so
// the best node gets 100.
class NodeAffinity final : public framework::PreFilterPlugin,
                           public framework::FilterPlugin,
                           public framework::PreScorePlugin,
                           public framework::ScorePlugin {
 public:
  static constexpr char kReason[] = "node(s) didn't match Pod's node affinity/selector";

  std::string_view Name() const override;
  // framework::PreFilterPlugin
  framework::PluginStatus PreFilter(framework::CycleState& state,
                                    const framework::PodInfo& pod) override;
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
