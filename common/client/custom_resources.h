#pragma once

#include <vector>

#include "absl/status/statusor.h"
#include "common/client/transport.h"

namespace kube::client {

// The custom resources the server's CustomResourceDefinitions define, one Resource
// per established CRD (its storage version when served, else its first served one),
// with message types built at run time (common/api/custom_resource_types.h), so
// loops that handle every kind (namespace deletion) reach them with the typed
// transport. A CRD whose kind is no protobuf identifier is left out.
absl::StatusOr<std::vector<Resource>> CustomResources(Transport& transport);

}  // namespace kube::client
