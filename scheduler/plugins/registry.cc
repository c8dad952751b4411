#include "scheduler/plugins/registry.h"

#include <set>

#include "common/util/strings.h"
#include "scheduler/plugins/balanced_allocation.h"
#include "scheduler/plugins/names.h"
#include "scheduler/plugins/node_affinity.h"
#include "scheduler/plugins/node_name.h"
#include "scheduler/plugins/node_ports.h"
#include "scheduler/plugins/node_resources_fit.h"
#include "scheduler/plugins/node_unschedulable.h"
#include "scheduler/plugins/selector_spread.h"
#include "scheduler/plugins/taint_toleration.h"

namespace kube::scheduler::plugins {
namespace {

template <typename T>
PluginFactory Simple() {
  return [](const PluginContext&) { return std::make_unique<T>(); };
}

}  // namespace

std::vector<RegistryEntry> InTreeRegistry() {
  return {
      {names::kNodeUnschedulable, Simple<NodeUnschedulable>()},
      {names::kNodeName, Simple<NodeName>()},
      {names::kTaintToleration, Simple<TaintToleration>()},
      {names::kNodeAffinity, Simple<NodeAffinity>()},
      {names::kNodePorts, Simple<NodePorts>()},
      {names::kNodeResourcesFit, Simple<NodeResourcesFit>()},
      {names::kBalancedAllocation, Simple<BalancedAllocation>()},
      {names::kSelectorSpread,
       [](const PluginContext& context) {
         return std::make_unique<SelectorSpread>(context.services);
       }},
  };
}

framework::ProfileSpec DefaultProfileSpec() {
  framework::ProfileSpec spec;
  spec.filters = {names::kNodeUnschedulable, names::kNodeName,  names::kTaintToleration,
                  names::kNodeAffinity,      names::kNodePorts, names::kNodeResourcesFit};
  spec.scores = {{names::kTaintToleration, 3},
                 {names::kNodeAffinity, 2},
                 {names::kSelectorSpread, 2},
                 {names::kNodeResourcesFit, 1},
                 {names::kBalancedAllocation, 1}};
  return spec;
}

absl::StatusOr<std::unique_ptr<framework::Profile>> NewProfile(framework::ProfileSpec spec,
                                                                const PluginContext& context) {
  std::set<std::string> wanted(spec.filters.begin(), spec.filters.end());
  for (const auto& score : spec.scores) wanted.insert(score.name);
  std::vector<std::unique_ptr<framework::Plugin>> plugins;
  for (const RegistryEntry& entry : InTreeRegistry()) {
    if (wanted.erase(entry.name) > 0) plugins.push_back(entry.factory(context));
  }
  if (!wanted.empty()) {
    return absl::InvalidArgumentError(StrCat("unknown plugin \"", *wanted.begin(), "\""));
  }
  return framework::Profile::Create(std::move(spec), std::move(plugins));
}

}  // namespace kube::scheduler::plugins
