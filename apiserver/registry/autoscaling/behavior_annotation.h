#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "k8s/autoscaling/v2/autoscaling.pb.h"

namespace kube::apiserver::autoscaling {

// autoscaling/v1 keeps a behavior in the annotation autoscaling.alpha.kubernetes.io/behavior
// as upstream writes it: its internal type marshalled by Go, which has no JSON tags, so
// Go's field names, every field written, and null for what is unset:
//   {"ScaleUp":{"StabilizationWindowSeconds":0,"SelectPolicy":"Max",
//    "Policies":[{"Type":"Pods","Value":4,"PeriodSeconds":15}]},"ScaleDown":null}
std::string EncodeBehaviorAnnotation(
    const k8s::autoscaling::v2::HorizontalPodAutoscalerBehavior& behavior);

// Reads the annotation back as Go's json.Unmarshal does, matching keys without regard
// to case (so the v2 JSON form reads too). Nullopt when it does not decode or sets
// neither direction: upstream then ignores the annotation.
std::optional<k8s::autoscaling::v2::HorizontalPodAutoscalerBehavior> DecodeBehaviorAnnotation(
    std::string_view json);

}  // namespace kube::apiserver::autoscaling
