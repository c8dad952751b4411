#pragma once

#include "apiserver/registry/resource_registry.h"

namespace kube::apiserver {

// certificates.k8s.io/v1: CertificateSigningRequest, with its /status and
// /approval subresources.
void RegisterCertificatesResources(ResourceRegistry& registry, const RegistryConfig& config);

}  // namespace kube::apiserver
