#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver::core {

// Pods (pkg/registry/core/pod/strategy.go): defaults, admission-time defaults on
// create, status {phase Pending, qosClass} on create, the pod update rules, and
// the field selectors kubelets and the scheduler use (spec.nodeName="" selects
// unscheduled pods).
class PodStrategy : public Strategy {
 public:
  // A pod bound to a node gets its grace period (the request's, else its
  // terminationGracePeriodSeconds) for the kubelet to stop it; unbound and finished
  // pods go at once.
  std::optional<int64_t> GracefulDeletionPeriod(
      const google::protobuf::Message& object,
      const k8s::meta::v1::DeleteOptions& options) const override;
  bool return_deleted_object() const override { return true; }
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
