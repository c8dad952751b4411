#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver {

// autoscaling/v1 HorizontalPodAutoscaler, served from autoscaling/v2 storage: the
// v2 strategy defaults, prepares and validates the stored form; this one checks a
// v1 request first, naming the fields as upstream does for the internal form.
class HorizontalPodAutoscalerStrategy : public Strategy {
 public:
  // minReplicas >= 1, maxReplicas >= 1 and >= minReplicas, a scale target with
  // kind and name, a CPU target > 0.
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
};

}  // namespace kube::apiserver
