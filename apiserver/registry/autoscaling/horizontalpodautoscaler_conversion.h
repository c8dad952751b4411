#pragma once

#include "k8s/autoscaling/v1/autoscaling.pb.h"
#include "k8s/autoscaling/v2/autoscaling.pb.h"

namespace kube::apiserver::autoscaling {

// The round-trip annotations through which autoscaling/v1 carries what it cannot say
// (upstream pkg/apis/autoscaling/annotations.go).
inline constexpr char kMetricSpecsAnnotation[] = "autoscaling.alpha.kubernetes.io/metrics";
inline constexpr char kBehaviorSpecsAnnotation[] = "autoscaling.alpha.kubernetes.io/behavior";
inline constexpr char kMetricStatusesAnnotation[] =
    "autoscaling.alpha.kubernetes.io/current-metrics";
inline constexpr char kConditionsAnnotation[] = "autoscaling.alpha.kubernetes.io/conditions";

// Removes the four annotations: they are never stored (upstream drops them from
// every version's objects on the way in).
void DropRoundTripAnnotations(k8s::meta::v1::ObjectMeta& metadata);

// An autoscaling/v2 HorizontalPodAutoscaler as autoscaling/v1 shows it (upstream
// pkg/apis/autoscaling/v1/conversion.go): the first CPU utilization metric is
// targetCPUUtilizationPercentage, the CPU utilization status is
// currentCPUUtilizationPercentage, and the other metrics, every current metric, the
// behavior and the conditions go into the round-trip annotations (replacing any the
// object carried), the metrics and statuses as v1's older metric types in JSON.
k8s::autoscaling::v1::HorizontalPodAutoscaler ToV1(
    const k8s::autoscaling::v2::HorizontalPodAutoscaler& hpa);

// Back again: the CPU target becomes a Resource metric placed after the annotation's
// metrics, the annotations restore the rest and are dropped, and an autoscaler with
// no metric at all gets upstream's implicit 80% CPU utilization. An annotation that
// does not decode is ignored, as upstream ignores it.
k8s::autoscaling::v2::HorizontalPodAutoscaler ToV2(
    const k8s::autoscaling::v1::HorizontalPodAutoscaler& hpa);

}  // namespace kube::apiserver::autoscaling
