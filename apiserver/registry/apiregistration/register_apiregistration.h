#pragma once

#include "apiserver/registry/resource_registry.h"

namespace kube::apiserver {

// Registers apiregistration.k8s.io/v1: apiservices, cluster-scoped with a status
// subresource.
void RegisterApiRegistrationResources(ResourceRegistry& registry, const RegistryConfig& config);

}  // namespace kube::apiserver
