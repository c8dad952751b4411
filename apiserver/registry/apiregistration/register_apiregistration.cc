#include "apiserver/registry/apiregistration/register_apiregistration.h"

#include "apiserver/registry/apiregistration/apiservice_strategy.h"
#include "k8s/apiregistration/v1/apiregistration.pb.h"

namespace kube::apiserver {

void RegisterApiRegistrationResources(ResourceRegistry& registry, const RegistryConfig& config) {
  ResourceInfo services;
  services.group = "apiregistration.k8s.io";
  services.version = "v1";
  services.kind = "APIService";
  services.resource = "apiservices";
  services.singular = "apiservice";
  services.namespaced = false;
  services.categories = {"api-extensions"};
  services.prototype = &k8s::apiregistration::v1::APIService::default_instance();
  services.list_prototype = &k8s::apiregistration::v1::APIServiceList::default_instance();
  services.subresources.status = true;
  services.strategy = std::make_unique<ApiServiceStrategy>();
  registry.Add(std::move(services));
}

}  // namespace kube::apiserver
