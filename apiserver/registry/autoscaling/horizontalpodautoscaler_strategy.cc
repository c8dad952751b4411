#include "apiserver/registry/autoscaling/horizontalpodautoscaler_strategy.h"

#include "common/validation/names.h"
#include "k8s/autoscaling/v1/autoscaling.pb.h"

namespace kube::apiserver {
namespace {

using k8s::autoscaling::v1::HorizontalPodAutoscaler;

constexpr int32_t kDefaultCpuUtilization = 80;

void CheckReferenceName(const std::string& value, const std::string& field,
                        api::FieldErrors& errors) {
  if (value.empty()) {
    errors.push_back(api::Required(field));
    return;
  }
  for (const std::string& message : validation::IsValidPathSegmentName(value)) {
    errors.push_back(api::Invalid(field, value, message));
  }
}

void CheckNonnegative(int64_t value, const std::string& field, api::FieldErrors& errors) {
  if (value < 0) {
    errors.push_back(api::InvalidNumber(field, value, "must be greater than or equal to 0"));
  }
}

}  // namespace

void HorizontalPodAutoscalerStrategy::Default(google::protobuf::Message& object) const {
  auto& spec = *static_cast<HorizontalPodAutoscaler&>(object).mutable_spec();
  if (!spec.has_minreplicas()) spec.set_minreplicas(1);
  if (!spec.has_targetcpuutilizationpercentage()) {
    spec.set_targetcpuutilizationpercentage(kDefaultCpuUtilization);
  }
}

api::FieldErrors HorizontalPodAutoscalerStrategy::Validate(
    const google::protobuf::Message& object) const {
  const auto& spec = static_cast<const HorizontalPodAutoscaler&>(object).spec();
  api::FieldErrors errors;
  if (spec.has_minreplicas() && spec.minreplicas() < 1) {
    errors.push_back(api::InvalidNumber("spec.minReplicas", spec.minreplicas(),
                                        "must be greater than or equal to 1"));
  }
  if (spec.maxreplicas() < 1) {
    errors.push_back(
        api::InvalidNumber("spec.maxReplicas", spec.maxreplicas(), "must be greater than 0"));
  }
  if (spec.has_minreplicas() && spec.maxreplicas() < spec.minreplicas()) {
    errors.push_back(api::InvalidNumber("spec.maxReplicas", spec.maxreplicas(),
                                        "must be greater than or equal to `minReplicas`"));
  }
  api::FieldErrors reference_errors;
  CheckReferenceName(spec.scaletargetref().kind(), "spec.scaleTargetRef.kind", reference_errors);
  CheckReferenceName(spec.scaletargetref().name(), "spec.scaleTargetRef.name", reference_errors);
  errors.insert(errors.end(), reference_errors.begin(), reference_errors.end());
  // Upstream validates the v1 CPU target as the internal (v2) metric it converts
  // to, and only once the target reference is valid; the path is the internal one.
  if (reference_errors.empty() && spec.has_targetcpuutilizationpercentage() &&
      spec.targetcpuutilizationpercentage() < 1) {
    errors.push_back(api::InvalidNumber("spec.metrics[0].resource.target.averageUtilization",
                                        spec.targetcpuutilizationpercentage(),
                                        "must be greater than 0"));
  }
  return errors;
}

api::FieldErrors HorizontalPodAutoscalerStrategy::ValidateStatusUpdate(
    const google::protobuf::Message& object, const google::protobuf::Message& old) const {
  const auto& status = static_cast<const HorizontalPodAutoscaler&>(object).status();
  api::FieldErrors errors;
  CheckNonnegative(status.currentreplicas(), "status.currentReplicas", errors);
  CheckNonnegative(status.desiredreplicas(), "status.desiredReplicas", errors);
  return errors;
}

}  // namespace kube::apiserver
