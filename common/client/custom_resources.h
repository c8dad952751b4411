#pragma once

#include <google/protobuf/message.h>

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "common/client/transport.h"

namespace kube::client {

// apiextensions.k8s.io/v1 customresourcedefinitions.
const Resource& CustomResourceDefinitions();

// The custom resources `crds` (CustomResourceDefinition objects) define, one
// Resource per established CRD (its storage version when served, else its first
// served one), with message types built at run time (common/api/
// custom_resource_types.h), so loops that handle every kind (namespace deletion,
// the garbage collector) reach them with the typed transport and informers. A CRD
// whose kind is no protobuf identifier is left out.
std::vector<Resource> CustomResourcesOf(
    const std::vector<std::shared_ptr<const google::protobuf::Message>>& crds);

// The same from the server's CRDs, listed now.
absl::StatusOr<std::vector<Resource>> CustomResources(Transport& transport);

}  // namespace kube::client
