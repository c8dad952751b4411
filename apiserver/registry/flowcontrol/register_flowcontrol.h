#pragma once

#include "apiserver/registry/resource_registry.h"

namespace kube::apiserver {

// Registers flowcontrol.apiserver.k8s.io/v1: flowschemas and
// prioritylevelconfigurations, both cluster-scoped with a status subresource.
void RegisterFlowControlResources(ResourceRegistry& registry, const RegistryConfig& config);

}  // namespace kube::apiserver
