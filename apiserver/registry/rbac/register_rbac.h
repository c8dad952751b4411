#pragma once

#include "apiserver/registry/resource_registry.h"

namespace kube::apiserver {

// Registers rbac.authorization.k8s.io/v1: roles and rolebindings (namespaced),
// clusterroles and clusterrolebindings (cluster-scoped). No status subresource,
// no short names, no categories, as upstream.
void RegisterRbacResources(ResourceRegistry& registry, const RegistryConfig& config);

}  // namespace kube::apiserver
