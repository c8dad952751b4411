#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver::core {

// PodTemplates: the template is defaulted and validated like a pod's.
class PodTemplateStrategy : public Strategy {
 public:
  void Default(google::protobuf::Message& object) const override;
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
};

}  // namespace kube::apiserver::core
