#include "apiserver/registry/autoscaling/horizontalpodautoscaler_strategy.h"

#include "apiserver/registry/autoscaling/horizontalpodautoscaler_v2_validation.h"
#include "k8s/autoscaling/v1/autoscaling.pb.h"

namespace kube::apiserver {

using k8s::autoscaling::v1::HorizontalPodAutoscaler;

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
  api::FieldErrors reference_errors = autoscaling::ValidateCrossVersionObjectReference(
      spec.scaletargetref().kind(), spec.scaletargetref().name(), "spec.scaleTargetRef");
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

}  // namespace kube::apiserver
