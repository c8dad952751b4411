#include "apiserver/registry/policy/register_policy.h"

#include "apiserver/registry/policy/poddisruptionbudget_strategy.h"
#include "k8s/policy/v1/policy.pb.h"

namespace kube::apiserver {

void RegisterPolicyResources(ResourceRegistry& registry, const RegistryConfig& config) {
  ResourceInfo budgets;
  budgets.group = "policy";
  budgets.version = "v1";
  budgets.kind = "PodDisruptionBudget";
  budgets.resource = "poddisruptionbudgets";
  budgets.singular = "poddisruptionbudget";
  budgets.short_names = {"pdb"};
  budgets.prototype = &k8s::policy::v1::PodDisruptionBudget::default_instance();
  budgets.list_prototype = &k8s::policy::v1::PodDisruptionBudgetList::default_instance();
  budgets.subresources.status = true;
  budgets.strategy = std::make_unique<PodDisruptionBudgetStrategy>();
  registry.Add(std::move(budgets));
}

}  // namespace kube::apiserver
