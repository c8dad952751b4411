#pragma once

#include "scheduler/framework/interface.h"

namespace kube::scheduler::plugins {

// Score: favours nodes whose cpu and memory would be used in equal shares after
// placing the pod: (1 - standard deviation of the used fractions) * 100, with the
// actual requests (upstream's NodeResourcesBalancedAllocation).
class BalancedAllocation final : public framework::ScorePlugin {
 public:
  std::string_view Name() const override;
  // framework::ScorePlugin
  int64_t Score(const framework::CycleState& state, const framework::PodInfo& pod,
                const framework::NodeInfo& node) const override;
};

}  // namespace kube::scheduler::plugins
