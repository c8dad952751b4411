#pragma once

#include "common/api/field_error.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::core {

// Upstream's ValidateService, less what only allocation can decide (whether a
// requested clusterIP or nodePort is free and in range: see ServiceStrategy).
api::FieldErrors ValidateService(const k8s::core::v1::Service& service);

// Upstream's ValidateServiceUpdate extras: cluster IPs and IP families may not
// change once set, nor loadBalancerClass or healthCheckNodePort.
api::FieldErrors ValidateServiceUpdate(const k8s::core::v1::Service& service,
                                       const k8s::core::v1::Service& old);

}  // namespace kube::apiserver::core
