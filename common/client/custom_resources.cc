#include "common/client/custom_resources.h"

#include "common/api/custom_resource_types.h"
#include "k8s/apiextensions/v1/apiextensions.pb.h"

namespace kube::client {
namespace {

using k8s::apiextensions::v1::CustomResourceDefinition;

const Resource& CrdResource() {
  static const Resource resource{"apiextensions.k8s.io",
                                 "v1",
                                 "customresourcedefinitions",
                                 "CustomResourceDefinition",
                                 false,
                                 &CustomResourceDefinition::default_instance(),
                                 &k8s::apiextensions::v1::CustomResourceDefinitionList::default_instance()};
  return resource;
}

bool Established(const CustomResourceDefinition& crd) {
  for (const auto& condition : crd.status().conditions()) {
    if (condition.type() == "Established") return condition.status() == "True";
  }
  return false;
}

}  // namespace

absl::StatusOr<std::vector<Resource>> CustomResources(Transport& transport) {
  absl::StatusOr<ListResult> crds = transport.List(CrdResource(), "", {});
  if (!crds.ok()) return crds.status();
  std::vector<Resource> resources;
  for (const ObjectPtr& object : crds->items) {
    const auto& crd = static_cast<const CustomResourceDefinition&>(*object);
    if (!Established(crd)) continue;
    const k8s::apiextensions::v1::CustomResourceDefinitionVersion* chosen = nullptr;
    for (const auto& version : crd.spec().versions()) {
      if (!version.served()) continue;
      if (chosen == nullptr || version.storage()) chosen = &version;
    }
    if (chosen == nullptr) continue;
    const auto& names = crd.status().acceptednames();
    absl::StatusOr<api::CustomResourceTypes> types =
        api::TypesFor(crd.spec().group(), chosen->name(), names.kind(), names.listkind());
    if (!types.ok()) continue;
    resources.push_back(Resource{crd.spec().group(), chosen->name(), names.plural(), names.kind(),
                                 crd.spec().scope() == "Namespaced", types->prototype,
                                 types->list_prototype});
  }
  return resources;
}

}  // namespace kube::client
