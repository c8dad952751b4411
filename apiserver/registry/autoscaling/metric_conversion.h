#pragma once

#include "k8s/autoscaling/v1/autoscaling.pb.h"
#include "k8s/autoscaling/v2/autoscaling.pb.h"

namespace kube::apiserver::autoscaling {

inline constexpr char kResourceMetricType[] = "Resource";
inline constexpr char kCpu[] = "cpu";
// The CPU utilization autoscaling/v1 always meant when it named none (upstream's
// DefaultCPUUtilization), and autoscaling/v2 defaults to.
inline constexpr int32_t kDefaultCpuUtilization = 80;

// A Resource metric targeting `percent` average CPU utilization.
k8s::autoscaling::v2::MetricSpec CpuUtilizationMetric(int32_t percent);
// Whether `metric` is a Resource metric on cpu.
bool IsCpuResource(const k8s::autoscaling::v2::MetricSpec& metric);

// The metric and condition types of autoscaling/v2 and their older forms, which
// autoscaling/v1 carries only inside its round-trip annotations (upstream
// pkg/apis/autoscaling/v1/conversion.go): a target's type becomes which fields are
// set, a metric's name and selector become metricName and selector.
k8s::autoscaling::v1::CrossVersionObjectReference ReferenceToV1(
    const k8s::autoscaling::v2::CrossVersionObjectReference& reference);
k8s::autoscaling::v2::CrossVersionObjectReference ReferenceToV2(
    const k8s::autoscaling::v1::CrossVersionObjectReference& reference);

k8s::autoscaling::v1::MetricSpec MetricSpecToV1(const k8s::autoscaling::v2::MetricSpec& spec);
k8s::autoscaling::v2::MetricSpec MetricSpecToV2(const k8s::autoscaling::v1::MetricSpec& spec);

k8s::autoscaling::v1::MetricStatus MetricStatusToV1(
    const k8s::autoscaling::v2::MetricStatus& status);
k8s::autoscaling::v2::MetricStatus MetricStatusToV2(
    const k8s::autoscaling::v1::MetricStatus& status);

k8s::autoscaling::v1::HorizontalPodAutoscalerCondition ConditionToV1(
    const k8s::autoscaling::v2::HorizontalPodAutoscalerCondition& condition);
k8s::autoscaling::v2::HorizontalPodAutoscalerCondition ConditionToV2(
    const k8s::autoscaling::v1::HorizontalPodAutoscalerCondition& condition);

}  // namespace kube::apiserver::autoscaling
