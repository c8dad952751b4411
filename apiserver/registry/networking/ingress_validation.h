#pragma once

#include <string>

#include "common/api/field_error.h"
#include "k8s/networking/v1/networking.pb.h"

// Upstream's Ingress rules (pkg/apis/networking/validation), with its field paths
// and messages.
namespace kube::apiserver::networking {

// spec: rules or a default backend, every backend exactly one of service or
// resource, paths typed and absolute, hosts (wildcard) DNS names, TLS hosts and
// secret names, the class name a DNS subdomain.
api::FieldErrors ValidateIngressSpec(const k8s::networking::v1::IngressSpec& spec);

// status.loadBalancer: IPs valid, hostnames DNS names rather than IPs.
api::FieldErrors ValidateIngressLoadBalancerStatus(
    const k8s::networking::v1::IngressLoadBalancerStatus& status);

// The kind or name of a typed reference: required, and usable as a path segment.
void CheckRequiredPathSegment(const std::string& value, const std::string& field,
                              api::FieldErrors& errors);

}  // namespace kube::apiserver::networking
