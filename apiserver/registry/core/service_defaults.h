#pragma once

#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::core {

// What a Service's type implies (upstream's needsClusterIP and friends).
bool IsHeadless(const k8s::core::v1::Service& service);  // clusterIP "None"
bool NeedsClusterIP(const k8s::core::v1::Service& service);  // every type but ExternalName
bool NeedsNodePorts(const k8s::core::v1::Service& service);  // NodePort, LoadBalancer
bool NeedsHealthCheckNodePort(const k8s::core::v1::Service& service);  // LB + Local
bool ExternallyAccessible(const k8s::core::v1::Service& service);

// SetDefaults_Service plus what upstream's allocator fills before validation:
// type ClusterIP, sessionAffinity None, port protocol TCP, targetPort = port,
// ipFamilies [IPv4] and ipFamilyPolicy SingleStack, internalTrafficPolicy
// Cluster, externalTrafficPolicy Cluster when externally accessible,
// allocateLoadBalancerNodePorts true for LoadBalancers.
void DefaultService(k8s::core::v1::Service& service);

// On create (old == nullptr) and update: keep clusterIP and clusterIPs[0] in
// step when a client sets only the singular field (upstream NormalizeClusterIPs).
void NormalizeClusterIPs(k8s::core::v1::Service& service, const k8s::core::v1::Service* old);

// On update: an empty clusterIP, nodePort or healthCheckNodePort keeps what was
// allocated before (upstream patchAllocatedValues), so `kubectl replace` with the
// original manifest works.
void PatchAllocatedValues(k8s::core::v1::Service& service, const k8s::core::v1::Service& old);

// On update to a type that no longer uses them, clears the cluster IPs, node
// ports and type-specific settings the client left unchanged (upstream
// dropTypeDependentFields), so "kubectl apply" can change the type.
void DropTypeDependentFields(k8s::core::v1::Service& service, const k8s::core::v1::Service& old);

}  // namespace kube::apiserver::core
