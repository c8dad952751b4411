#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver::core {

// Endpoints: every subset has addresses, every address a valid, non-special IP,
// every port a valid number, protocol and (when several) name.
class EndpointsStrategy : public Strategy {
 public:
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  bool allow_create_on_update() const override { return true; }
};

}  // namespace kube::apiserver::core
