#pragma once

#include "apiserver/registry/resource_registry.h"

namespace kube::apiserver {

// Registers scheduling.k8s.io/v1: priorityclasses.
void RegisterSchedulingResources(ResourceRegistry& registry, const RegistryConfig& config);

}  // namespace kube::apiserver
