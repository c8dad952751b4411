#include "apiserver/registry/coordination/register_coordination.h"

#include "apiserver/registry/coordination/lease_strategy.h"
#include "k8s/coordination/v1/coordination.pb.h"

namespace kube::apiserver {

void RegisterCoordinationResources(ResourceRegistry& registry, const RegistryConfig& config) {
  ResourceInfo leases;
  leases.group = "coordination.k8s.io";
  leases.version = "v1";
  leases.kind = "Lease";
  leases.resource = "leases";
  leases.singular = "lease";
  leases.prototype = &k8s::coordination::v1::Lease::default_instance();
  leases.list_prototype = &k8s::coordination::v1::LeaseList::default_instance();
  leases.strategy = std::make_unique<LeaseStrategy>();
  registry.Add(std::move(leases));
}

}  // namespace kube::apiserver
