#include "scheduler/plugins/balanced_allocation.h"

#include <cmath>

#include "scheduler/plugins/names.h"

namespace kube::scheduler::plugins {

std::string_view BalancedAllocation::Name() const { return names::kBalancedAllocation; }

int64_t BalancedAllocation::Score(const framework::CycleState& state,
                                  const framework::PodInfo& pod,
                                  const framework::NodeInfo& node) const {
  double fractions[2];
  int count = 0;
  auto add = [&](int64_t requested, int64_t allocatable) {
    if (allocatable <= 0) return;  // not reported: left out, as upstream
    double fraction = static_cast<double>(requested) / static_cast<double>(allocatable);
    fractions[count++] = fraction > 1 ? 1 : fraction;
  };
  add(node.requested().milli_cpu + pod.requests.milli_cpu, node.allocatable().milli_cpu);
  add(node.requested().memory + pod.requests.memory, node.allocatable().memory);
  // With two resources the standard deviation is half their difference.
  double deviation = count == 2 ? std::abs(fractions[0] - fractions[1]) / 2 : 0;
  return static_cast<int64_t>((1 - deviation) * framework::kMaxNodeScore);
}

}  // namespace kube::scheduler::plugins
