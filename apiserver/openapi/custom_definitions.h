#pragma once

// The definitions upstream publishes for a custom resource version (apiextensions'
// OpenAPI builder): the kind, from the CRD's openAPIV3Schema, and its list.

#include <string>
#include <string_view>

#include "apiserver/openapi/json_tree.h"
#include "apiserver/openapi/schema_names.h"
#include "apiserver/registry/resource.h"

namespace kube::apiserver::openapi {

// "stable.example.com", "v1", "CronTab" -> "com.example.stable.v1.CronTab": the group
// reversed, as upstream's ToRESTFriendlyName spells a CRD's type.
std::string CustomDefinitionName(std::string_view group, std::string_view version,
                                 std::string_view kind);

struct CustomDefinitions {
  std::string kind_name;  // com.example.stable.v1.CronTab
  std::string list_name;  // com.example.stable.v1.CronTabList
  Json kind;
  Json list;
};

// For `info` (custom_resource, prototypes set): the kind is its openapi_schema in
// `flavor`'s form (v2: converted as ToV2Schema says) with apiVersion, kind and
// metadata (a reference to ObjectMeta) properties, embedded resources given the same,
// and x-kubernetes-group-version-kind. Without a schema (or, in v2, with unknown
// fields preserved at the root) it is a bare object, which kubectl does not validate.
// The list has items (references to the kind), ListMeta metadata and the type meta.
// Both reference ObjectMeta/ListMeta, which the document must define.
CustomDefinitions BuildCustomDefinitions(const ResourceInfo& info, Flavor flavor);

}  // namespace kube::apiserver::openapi
