#include "common/client/custom_resources.h"

#include "common/api/custom_resource_types.h"
#include "k8s/apiextensions/v1/apiextensions.pb.h"

namespace kube::client {
using k8s::apiextensions::v1::CustomResourceDefinition;

const Resource& CustomResourceDefinitions() {
  static const Resource resource{
      "apiextensions.k8s.io",
      "v1",
      "customresourcedefinitions",
      "CustomResourceDefinition",
      false,
      &CustomResourceDefinition::default_instance(),
      &k8s::apiextensions::v1::CustomResourceDefinitionList::default_instance()};
  return resource;
}

namespace {

bool Established(const CustomResourceDefinition& crd) {
  for (const auto& condition : crd.status().conditions()) {
    if (condition.type() == "Established") return condition.status() == "True";
  }
  return false;
}

}  // namespace

std::vector<Resource> CustomResourcesOf(
    const std::vector<std::shared_ptr<const google::protobuf::Message>>& crds) {
  std::vector<Resource> resources;
  for (const auto& object : crds) {
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

absl::StatusOr<std::vector<Resource>> CustomResources(Transport& transport) {
  absl::StatusOr<ListResult> crds = transport.List(CustomResourceDefinitions(), "", {});
  if (!crds.ok()) return crds.status();
  std::vector<std::shared_ptr<const google::protobuf::Message>> objects;
  for (ObjectPtr& item : crds->items) objects.push_back(std::move(item));
  return CustomResourcesOf(objects);
}

}  // namespace kube::client
