#pragma once

#include "apiserver/registry/resource_registry.h"

namespace kube::apiserver {

// Registers every core/v1 resource, in upstream's discovery order.
// config.service_cluster_ip_range and service_node_port_range must be valid (see
// ValidateCoreRegistryConfig): a bad range is a start-up error and aborts here.
// Without config.storage, services are served without IP and port allocation
// (for tests only).
void RegisterCoreResources(ResourceRegistry& registry, const RegistryConfig& config);

// Checks the service ranges, so a server can report a bad flag before registering.
absl::Status ValidateCoreRegistryConfig(const RegistryConfig& config);

}  // namespace kube::apiserver
