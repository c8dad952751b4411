#pragma once

// The plugins' registered names, upstream's, so a KubeSchedulerConfiguration
// written for upstream names the same plugins here.
namespace kube::scheduler::plugins::names {

inline constexpr char kNodeUnschedulable[] = "NodeUnschedulable";
inline constexpr char kNodeName[] = "NodeName";
inline constexpr char kTaintToleration[] = "TaintToleration";
inline constexpr char kNodeAffinity[] = "NodeAffinity";
inline constexpr char kNodePorts[] = "NodePorts";
inline constexpr char kNodeResourcesFit[] = "NodeResourcesFit";
inline constexpr char kBalancedAllocation[] = "NodeResourcesBalancedAllocation";
inline constexpr char kSelectorSpread[] = "SelectorSpread";

}  // namespace kube::scheduler::plugins::names
