#include "apiserver/registry/autoscaling/horizontalpodautoscaler_v2_strategy.h"

#include "apiserver/registry/autoscaling/horizontalpodautoscaler_conversion.h"
#include "apiserver/registry/autoscaling/horizontalpodautoscaler_v2_validation.h"
#include "apiserver/registry/autoscaling/metric_conversion.h"

namespace kube::apiserver::autoscaling {
namespace {

using k8s::autoscaling::v2::HorizontalPodAutoscaler;
using k8s::autoscaling::v2::HPAScalingRules;

constexpr int32_t kScalingPeriodSeconds = 15;

void AddPolicy(HPAScalingRules& rules, const char* type, int32_t value) {
  auto* policy = rules.add_policies();
  policy->set_type(type);
  policy->set_value(value);
  policy->set_periodseconds(kScalingPeriodSeconds);
}

// What the user set, over the direction's defaults (upstream's copyHPAScalingRules).
HPAScalingRules WithDefaults(const HPAScalingRules& set, HPAScalingRules defaults) {
  if (set.has_selectpolicy()) defaults.set_selectpolicy(set.selectpolicy());
  if (set.has_stabilizationwindowseconds()) {
    defaults.set_stabilizationwindowseconds(set.stabilizationwindowseconds());
  }
  if (!set.policies().empty()) *defaults.mutable_policies() = set.policies();
  return defaults;
}

HPAScalingRules ScaleUpDefaults() {
  HPAScalingRules rules;
  rules.set_stabilizationwindowseconds(0);
  rules.set_selectpolicy("Max");
  AddPolicy(rules, "Pods", 4);
  AddPolicy(rules, "Percent", 100);
  return rules;
}

// No stabilization window: the controller's --horizontal-pod-autoscaler-downscale-
// stabilization applies.
HPAScalingRules ScaleDownDefaults() {
  HPAScalingRules rules;
  rules.set_selectpolicy("Max");
  AddPolicy(rules, "Percent", 100);
  return rules;
}

void CheckNonnegative(int64_t value, const std::string& field, api::FieldErrors& errors) {
  if (value < 0) {
    errors.push_back(api::InvalidNumber(field, value, "must be greater than or equal to 0"));
  }
}

}  // namespace

void DefaultHorizontalPodAutoscaler(HorizontalPodAutoscaler& hpa) {
  auto& spec = *hpa.mutable_spec();
  if (!spec.has_minreplicas()) spec.set_minreplicas(1);
  if (spec.metrics().empty()) {
    *spec.add_metrics() = CpuUtilizationMetric(kDefaultCpuUtilization);
  }
  if (spec.has_behavior()) {
    auto& behavior = *spec.mutable_behavior();
    *behavior.mutable_scaleup() = WithDefaults(behavior.scaleup(), ScaleUpDefaults());
    *behavior.mutable_scaledown() = WithDefaults(behavior.scaledown(), ScaleDownDefaults());
  }
}

void HorizontalPodAutoscalerV2Strategy::Default(google::protobuf::Message& object) const {
  DefaultHorizontalPodAutoscaler(static_cast<HorizontalPodAutoscaler&>(object));
}

void HorizontalPodAutoscalerV2Strategy::PrepareForCreate(google::protobuf::Message& object) const {
  Strategy::PrepareForCreate(object);
  DropRoundTripAnnotations(*static_cast<HorizontalPodAutoscaler&>(object).mutable_metadata());
}

void HorizontalPodAutoscalerV2Strategy::PrepareForUpdate(
    google::protobuf::Message& object, const google::protobuf::Message& old) const {
  Strategy::PrepareForUpdate(object, old);
  DropRoundTripAnnotations(*static_cast<HorizontalPodAutoscaler&>(object).mutable_metadata());
}

api::FieldErrors HorizontalPodAutoscalerV2Strategy::Validate(
    const google::protobuf::Message& object) const {
  return ValidateHorizontalPodAutoscalerSpec(
      static_cast<const HorizontalPodAutoscaler&>(object).spec());
}

api::FieldErrors HorizontalPodAutoscalerV2Strategy::ValidateStatusUpdate(
    const google::protobuf::Message& object, const google::protobuf::Message& old) const {
  const auto& status = static_cast<const HorizontalPodAutoscaler&>(object).status();
  api::FieldErrors errors;
  CheckNonnegative(status.currentreplicas(), "status.currentReplicas", errors);
  CheckNonnegative(status.desiredreplicas(), "status.desiredReplicas", errors);
  return errors;
}

}  // namespace kube::apiserver::autoscaling
