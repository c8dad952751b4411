#pragma once

#include "apiserver/registry/apps/pod_template_hooks.h"
#include "apiserver/registry/resource_registry.h"

namespace kube::apiserver {

// Registers apps/v1: deployments, replicasets, daemonsets, statefulsets and
// controllerrevisions, in upstream's discovery order. `hooks` default and validate
// the pod templates the workload kinds embed.
void RegisterAppsResources(ResourceRegistry& registry, const RegistryConfig& config,
                           const PodTemplateHooks& hooks);

}  // namespace kube::apiserver
