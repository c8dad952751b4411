#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver {

// apps/v1 ControllerRevision (upstream pkg/registry/apps/controllerrevision):
// an immutable snapshot of a controller's template, written by controllers.
class ControllerRevisionStrategy : public Strategy {
 public:
  // data is required; revision is non-negative.
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  // data may not change.
  api::FieldErrors ValidateUpdate(const google::protobuf::Message& object,
                                  const google::protobuf::Message& old) const override;
};

}  // namespace kube::apiserver
