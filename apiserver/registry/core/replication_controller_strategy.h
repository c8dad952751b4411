#pragma once

#include "apiserver/registry/strategy.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::core {

// ReplicationControllers: replicas 1, selector and labels from the template's
// labels, the template defaulted and validated like a pod's (restartPolicy
// Always only), status through /status, field selector status.replicas.
class ReplicationControllerStrategy : public Strategy {
 public:
  void Default(google::protobuf::Message& object) const override;
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  api::FieldErrors ValidateStatusUpdate(const google::protobuf::Message& object,
                                        const google::protobuf::Message& old) const override;
  bool allow_create_on_update() const override { return true; }
  std::optional<std::string> SelectableField(const google::protobuf::Message& object,
                                             std::string_view field) const override;
};

// Upstream's ValidatePodTemplateSpecForRC: the template exists, its labels match
// `selector`, it validates as a pod template, and its restartPolicy is Always.
api::FieldErrors ValidatePodTemplateSpecForRC(const k8s::core::v1::PodTemplateSpec* spec,
                                              const google::protobuf::Map<std::string, std::string>& selector,
                                              const std::string& path);

}  // namespace kube::apiserver::core
