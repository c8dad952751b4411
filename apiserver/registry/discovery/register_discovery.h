#pragma once

#include "apiserver/registry/resource_registry.h"

namespace kube::apiserver {

// Registers discovery.k8s.io/v1: endpointslices.
void RegisterDiscoveryResources(ResourceRegistry& registry, const RegistryConfig& config);

}  // namespace kube::apiserver
