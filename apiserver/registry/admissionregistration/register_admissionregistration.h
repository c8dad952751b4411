#pragma once

#include "apiserver/registry/resource_registry.h"

namespace kube::apiserver {

// Registers admissionregistration.k8s.io/v1: validatingwebhookconfigurations,
// mutatingwebhookconfigurations, validatingadmissionpolicies (+status) and
// validatingadmissionpolicybindings, all cluster-scoped.
void RegisterAdmissionRegistrationResources(ResourceRegistry& registry,
                                            const RegistryConfig& config);

}  // namespace kube::apiserver
