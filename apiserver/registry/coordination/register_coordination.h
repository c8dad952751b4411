#pragma once

#include "apiserver/registry/resource_registry.h"

namespace kube::apiserver {

// Registers coordination.k8s.io/v1: leases.
void RegisterCoordinationResources(ResourceRegistry& registry, const RegistryConfig& config);

}  // namespace kube::apiserver
