#include "apiserver/registry/networking/register_networking.h"

#include "apiserver/registry/networking/ingress_strategy.h"
#include "apiserver/registry/networking/ingressclass_strategy.h"
#include "apiserver/registry/networking/networkpolicy_strategy.h"
#include "k8s/networking/v1/networking.pb.h"

namespace kube::apiserver {

using namespace k8s::networking::v1;

void RegisterNetworkingResources(ResourceRegistry& registry, const RegistryConfig& config) {
  constexpr char kGroup[] = "networking.k8s.io";

  ResourceInfo ingresses;
  ingresses.group = kGroup;
  ingresses.version = "v1";
  ingresses.kind = "Ingress";
  ingresses.resource = "ingresses";
  ingresses.singular = "ingress";
  ingresses.short_names = {"ing"};
  ingresses.prototype = &Ingress::default_instance();
  ingresses.list_prototype = &IngressList::default_instance();
  ingresses.subresources.status = true;
  ingresses.strategy = std::make_unique<IngressStrategy>();
  registry.Add(std::move(ingresses));

  ResourceInfo classes;
  classes.group = kGroup;
  classes.version = "v1";
  classes.kind = "IngressClass";
  classes.resource = "ingressclasses";
  classes.singular = "ingressclass";
  classes.namespaced = false;
  classes.prototype = &IngressClass::default_instance();
  classes.list_prototype = &IngressClassList::default_instance();
  classes.strategy = std::make_unique<IngressClassStrategy>();
  registry.Add(std::move(classes));

  ResourceInfo policies;
  policies.group = kGroup;
  policies.version = "v1";
  policies.kind = "NetworkPolicy";
  policies.resource = "networkpolicies";
  policies.singular = "networkpolicy";
  policies.short_names = {"netpol"};
  policies.prototype = &NetworkPolicy::default_instance();
  policies.list_prototype = &NetworkPolicyList::default_instance();
  policies.strategy = std::make_unique<NetworkPolicyStrategy>();
  registry.Add(std::move(policies));
}

}  // namespace kube::apiserver
