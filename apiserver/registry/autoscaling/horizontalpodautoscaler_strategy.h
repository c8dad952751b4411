#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver {

// autoscaling/v1 HorizontalPodAutoscaler (upstream
// pkg/registry/autoscaling/horizontalpodautoscaler).
class HorizontalPodAutoscalerStrategy : public Strategy {
 public:
  // minReplicas 1, and the 80% CPU target upstream's v2 storage supplies when no
  // target is given (what a v1 client reads back).
  void Default(google::protobuf::Message& object) const override;
  // minReplicas >= 1, maxReplicas >= 1 and >= minReplicas, a scale target with
  // kind and name, a CPU target > 0.
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  api::FieldErrors ValidateStatusUpdate(const google::protobuf::Message& object,
                                        const google::protobuf::Message& old) const override;
};

}  // namespace kube::apiserver
