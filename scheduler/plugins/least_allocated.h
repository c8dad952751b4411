#pragma once

#include <cstdint>

#include "scheduler/framework/interface.h"

namespace kube::scheduler::plugins {

// upstream's leastRequestedScore: the share of `allocatable` left free after
// `requested`, 0..kMaxNodeScore; 0 when nothing is allocatable or it is overcommitted.
int64_t LeastRequestedScore(int64_t requested, int64_t allocatable);

// The LeastAllocated strategy of NodeResourcesFit over cpu and memory (weight 1
// each), with the pod's non-zero requests added to the node's: nodes with the
// most room left score highest, which spreads pods.
int64_t LeastAllocatedScore(const framework::PodInfo& pod, const framework::NodeInfo& node);

}  // namespace kube::scheduler::plugins
