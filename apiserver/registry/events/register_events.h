#pragma once

#include "apiserver/registry/resource_registry.h"

namespace kube::apiserver {

// Registers events.k8s.io/v1: events, served from the core/v1 Events' storage
// (register after the core group).
void RegisterEventsResources(ResourceRegistry& registry, const RegistryConfig& config);

}  // namespace kube::apiserver
