#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/api/field_error.h"
#include "k8s/autoscaling/v2/autoscaling.pb.h"

namespace kube::apiserver::autoscaling {

// A scale target's (or described object's) kind and name: required path segments
// (upstream's ValidateCrossVersionObjectReference). `path` is "spec.scaleTargetRef".
api::FieldErrors ValidateCrossVersionObjectReference(std::string_view kind, std::string_view name,
                                                     const std::string& path);

// Upstream's validateHorizontalPodAutoscalerSpec under "spec": replica bounds, the
// scale target, every metric (exactly the source its type names, a valid target for
// it) and the behavior's bounds. minReplicas must be at least 1: the HPAScaleToZero
// gate is off, and so no stored autoscaler has 0 (which upstream lets an update keep).
api::FieldErrors ValidateHorizontalPodAutoscalerSpec(
    const k8s::autoscaling::v2::HorizontalPodAutoscalerSpec& spec);

}  // namespace kube::apiserver::autoscaling
