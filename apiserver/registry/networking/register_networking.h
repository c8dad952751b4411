#pragma once

#include "apiserver/registry/resource_registry.h"

namespace kube::apiserver {

// Registers networking.k8s.io/v1: ingresses (with /status), ingressclasses
// (cluster-scoped) and networkpolicies.
void RegisterNetworkingResources(ResourceRegistry& registry, const RegistryConfig& config);

}  // namespace kube::apiserver
