#pragma once

#include "apiserver/registry/resource_registry.h"

namespace kube::apiserver {

// Registers policy/v1: poddisruptionbudgets. (pods/eviction belongs to the core
// pods resource.)
void RegisterPolicyResources(ResourceRegistry& registry, const RegistryConfig& config);

}  // namespace kube::apiserver
