#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver {

// scheduling.k8s.io/v1 PriorityClass (upstream
// pkg/registry/scheduling/priorityclass). At most one global default is an
// admission rule (apiserver/admission/priority), as upstream, since it depends
// on the other classes.
class PriorityClassStrategy : public Strategy {
 public:
  // preemptionPolicy defaults to PreemptLowerPriority.
  void Default(google::protobuf::Message& object) const override;
  // Generation 1, as upstream's strategy sets it (the kind has no spec).
  void PrepareForCreate(google::protobuf::Message& object) const override;
  // "system-" names only for the system classes; other values <= 1000000000.
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  // value and preemptionPolicy never change.
  api::FieldErrors ValidateUpdate(const google::protobuf::Message& object,
                                  const google::protobuf::Message& old) const override;
};

}  // namespace kube::apiserver
