#pragma once

#include "apiserver/registry/resource_registry.h"

namespace kube::apiserver {

// Registers storage.k8s.io/v1: storageclasses, csidrivers, csinodes and
// volumeattachments (with /status).
void RegisterStorageResources(ResourceRegistry& registry, const RegistryConfig& config);

}  // namespace kube::apiserver
