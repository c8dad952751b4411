#pragma once

#include "apiserver/registry/resource_registry.h"

namespace kube::apiserver {

// apiextensions.k8s.io/v1: CustomResourceDefinition (with /status). What a CRD
// defines is served by apiserver/customresource.
void RegisterApiextensionsResources(ResourceRegistry& registry, const RegistryConfig& config);

}  // namespace kube::apiserver
