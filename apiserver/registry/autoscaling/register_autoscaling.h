#pragma once

#include "apiserver/registry/resource_registry.h"

namespace kube::apiserver {

// Registers autoscaling/v2 horizontalpodautoscalers, the stored (and preferred)
// version, then autoscaling/v1's, served from the same objects. (The Scale kind of
// the /scale subresources lives in the same group but is not a resource of its own.)
void RegisterAutoscalingResources(ResourceRegistry& registry, const RegistryConfig& config);

}  // namespace kube::apiserver
