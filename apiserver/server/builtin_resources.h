#pragma once

#include "absl/status/status.h"
#include "apiserver/registry/resource_registry.h"

namespace kube::apiserver {

// Registers every built-in resource of every served group, in discovery order.
absl::Status RegisterBuiltinResources(ResourceRegistry& registry, const RegistryConfig& config);

}  // namespace kube::apiserver
