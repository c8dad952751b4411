#include "apiserver/registry/apiextensions/register_apiextensions.h"

#include "apiserver/registry/apiextensions/crd_strategy.h"
#include "k8s/apiextensions/v1/apiextensions.pb.h"

namespace kube::apiserver {

void RegisterApiextensionsResources(ResourceRegistry& registry, const RegistryConfig& config) {
  ResourceInfo crds;
  crds.group = "apiextensions.k8s.io";
  crds.version = "v1";
  crds.kind = "CustomResourceDefinition";
  crds.resource = "customresourcedefinitions";
  crds.singular = "customresourcedefinition";
  crds.namespaced = false;
  crds.short_names = {"crd", "crds"};
  crds.categories = {"api-extensions"};
  crds.prototype = &k8s::apiextensions::v1::CustomResourceDefinition::default_instance();
  crds.list_prototype = &k8s::apiextensions::v1::CustomResourceDefinitionList::default_instance();
  crds.subresources.status = true;
  crds.strategy = std::make_unique<CustomResourceDefinitionStrategy>();
  registry.Add(std::move(crds));
}

}  // namespace kube::apiserver
