#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver::core {

// LimitRanges: container items default `default` from max and `defaultRequest`
// from default or min (SetDefaults_LimitRangeItem); types unique, resource names
// and quantities valid, and min <= defaultRequest <= default <= max.
class LimitRangeStrategy : public Strategy {
 public:
  void Default(google::protobuf::Message& object) const override;
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  bool allow_create_on_update() const override { return true; }
};

}  // namespace kube::apiserver::core
