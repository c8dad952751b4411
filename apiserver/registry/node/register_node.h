#pragma once

#include "apiserver/registry/resource_registry.h"

namespace kube::apiserver {

// Registers node.k8s.io/v1: runtimeclasses.
void RegisterNodeResources(ResourceRegistry& registry, const RegistryConfig& config);

}  // namespace kube::apiserver
