#pragma once

#include "common/api/field_error.h"
#include "k8s/discovery/v1/discovery.pb.h"

// Upstream's EndpointSlice rules (pkg/apis/discovery/validation), with its field
// paths and messages.
namespace kube::apiserver::discovery {

// addressType known; at most 1000 endpoints, each with 1 to 100 addresses of that
// type; at most 100 ports with unique DNS-label names, a protocol, and a qualified
// appProtocol.
api::FieldErrors ValidateEndpointSlice(const k8s::discovery::v1::EndpointSlice& slice);

}  // namespace kube::apiserver::discovery
