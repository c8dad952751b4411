#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver {

// policy/v1 PodDisruptionBudget (upstream pkg/registry/policy/poddisruptionbudget).
// The whole spec may change in policy/v1; status is the disruption controller's.
class PodDisruptionBudgetStrategy : public Strategy {
 public:
  // minAvailable and maxUnavailable are exclusive, each a non-negative int or a
  // percentage up to 100%; the selector is valid; unhealthyPodEvictionPolicy known.
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  api::FieldErrors ValidateStatusUpdate(const google::protobuf::Message& object,
                                        const google::protobuf::Message& old) const override;
};

}  // namespace kube::apiserver
