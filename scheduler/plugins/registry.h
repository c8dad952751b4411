#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "scheduler/framework/interface.h"
#include "scheduler/framework/profile.h"
#include "scheduler/plugins/selector_spread.h"

namespace kube::scheduler::plugins {

// What plugins may read beyond the pod and the node.
struct PluginContext {
  ServiceLister services;  // may be empty
};

using PluginFactory = std::function<std::unique_ptr<framework::Plugin>(const PluginContext&)>;

struct RegistryEntry {
  std::string name;
  PluginFactory factory;
};

// Every in-tree plugin, by its upstream name: the one place plugins are registered.
std::vector<RegistryEntry> InTreeRegistry();

// The default profile, in upstream's order. Filters: NodeUnschedulable, NodeName,
// TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit. Scores and weights:
// TaintToleration 3, NodeAffinity 2, SelectorSpread 2 (the weight upstream gives
// PodTopologySpread, which took over SelectorSpread's default spreading),
// NodeResourcesFit 1 (LeastAllocated), NodeResourcesBalancedAllocation 1.
framework::ProfileSpec DefaultProfileSpec();

// Builds the plugins `spec` names from the registry and the Profile that runs them.
absl::StatusOr<std::unique_ptr<framework::Profile>> NewProfile(framework::ProfileSpec spec,
                                                                const PluginContext& context);

}  // namespace kube::scheduler::plugins
