#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver::core {

// Pods (pkg/registry/core/pod/strategy.go): defaults, admission-time defaults on
// create, status {phase Pending, qosClass} on create, the pod update rules, and
// the field selectors kubelets and the scheduler use (spec.nodeName="" selects
// unscheduled pods).
class PodStrategy : public Strategy {
 public:
  void Default(google::protobuf::Message& object) const override;
  void PrepareForCreate(google::protobuf::Message& object) const override;
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  api::FieldErrors ValidateUpdate(const google::protobuf::Message& object,
                                  const google::protobuf::Message& old) const override;
  api::FieldErrors ValidateStatusUpdate(const google::protobuf::Message& object,
                                        const google::protobuf::Message& old) const override;
  std::optional<std::string> SelectableField(const google::protobuf::Message& object,
                                             std::string_view field) const override;
};

}  // namespace kube::apiserver::core
