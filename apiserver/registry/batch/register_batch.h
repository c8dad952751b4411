#pragma once

#include "apiserver/registry/apps/pod_template_hooks.h"
#include "apiserver/registry/resource_registry.h"

namespace kube::apiserver {

// Registers batch/v1: jobs and cronjobs. `hooks` default and validate the pod
// templates they embed.
void RegisterBatchResources(ResourceRegistry& registry, const RegistryConfig& config,
                            const PodTemplateHooks& hooks);

}  // namespace kube::apiserver
