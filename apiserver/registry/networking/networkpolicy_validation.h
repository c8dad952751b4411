#pragma once

#include "common/api/field_error.h"
#include "k8s/networking/v1/networking.pb.h"

// Upstream's NetworkPolicy rules (pkg/apis/networking/validation), with its field
// paths and messages.
namespace kube::apiserver::networking {

// spec: the pod selector, every rule's ports and peers, and policyTypes.
api::FieldErrors ValidateNetworkPolicySpec(const k8s::networking::v1::NetworkPolicySpec& spec);

}  // namespace kube::apiserver::networking
