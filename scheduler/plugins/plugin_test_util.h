#pragma once

// Runs one plugin the way a Profile would, for the plugins' table-driven tests.

#include <vector>

#include "scheduler/framework/interface.h"
#include "scheduler/framework/node_info.h"

namespace kube::scheduler::plugins {

// PreFilter (if any) then Filter; a PreFilter Skip counts as Success.
inline framework::PluginStatus RunFilter(framework::FilterPlugin& plugin,
                                         const framework::PodInfo& pod,
                                         const framework::NodeInfo& node) {
  framework::CycleState state;
  if (auto* pre = dynamic_cast<framework::PreFilterPlugin*>(&plugin)) {
    framework::PluginStatus status = pre->PreFilter(state, pod);
    if (status.IsSkip()) return framework::PluginStatus::Success();
    if (!status.ok()) return status;
  }
  return plugin.Filter(state, pod, node);
}

// PreScore (if any), Score per node, NormalizeScore; a Skip gives all zeros.
inline std::vector<int64_t> RunScore(framework::ScorePlugin& plugin, const framework::PodInfo& pod,
                                     const std::vector<framework::NodeInfo>& nodes) {
  framework::CycleState state;
  std::vector<const framework::NodeInfo*> pointers;
  for (const auto& node : nodes) pointers.push_back(&node);
  std::vector<int64_t> scores(nodes.size(), 0);
  if (auto* pre = dynamic_cast<framework::PreScorePlugin*>(&plugin)) {
    if (pre->PreScore(state, pod, pointers).IsSkip()) return scores;
  }
  for (size_t i = 0; i < nodes.size(); ++i) scores[i] = plugin.Score(state, pod, nodes[i]);
  plugin.NormalizeScore(state, pod, scores);
  return scores;
}

}  // namespace kube::scheduler::plugins
