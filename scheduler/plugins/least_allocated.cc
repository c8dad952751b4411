#include "scheduler/plugins/least_allocated.h"

namespace kube::scheduler::plugins {

int64_t LeastRequestedScore(int64_t requested, int64_t allocatable) {
  if (allocatable <= 0 || requested > allocatable) return 0;
  return (allocatable - requested) * framework::kMaxNodeScore / allocatable;
}

int64_t LeastAllocatedScore(const framework::PodInfo& pod, const framework::NodeInfo& node) {
  int64_t sum = 0;
  int64_t weights = 0;
  // Resources the node does not report are left out, as upstream.
  if (int64_t cpu = node.allocatable().milli_cpu; cpu > 0) {
    sum += LeastRequestedScore(node.non_zero_milli_cpu() + pod.non_zero_milli_cpu, cpu);
    ++weights;
  }
  if (int64_t memory = node.allocatable().memory; memory > 0) {
    sum += LeastRequestedScore(node.non_zero_memory() + pod.non_zero_memory, memory);
    ++weights;
  }
  return weights == 0 ? 0 : sum / weights;
}

}  // namespace kube::scheduler::plugins
