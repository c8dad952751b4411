#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver::core {

// ResourceQuotas: hard limits name quota resources with valid, non-negative
// quantities; scopes are known, compatible and fixed once created; status
// (hard, used) through /status.
class ResourceQuotaStrategy : public Strategy {
 public:
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  api::FieldErrors ValidateUpdate(const google::protobuf::Message& object,
                                  const google::protobuf::Message& old) const override;
  api::FieldErrors ValidateStatusUpdate(const google::protobuf::Message& object,
                                        const google::protobuf::Message& old) const override;
  bool allow_create_on_update() const override { return true; }
};

}  // namespace kube::apiserver::core
