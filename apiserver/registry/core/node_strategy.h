#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver::core {

// Nodes: created with their status (kubelets register that way), allocatable
// defaulted from capacity, taints and pod CIDRs validated, pod CIDRs and
// providerID fixed once set, field selector spec.unschedulable.
class NodeStrategy : public Strategy {
 public:
  void Default(google::protobuf::Message& object) const override;
  // Keeps the status: nodes may set it on create.
  void PrepareForCreate(google::protobuf::Message& object) const override {}
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  api::FieldErrors ValidateUpdate(const google::protobuf::Message& object,
                                  const google::protobuf::Message& old) const override;
  api::FieldErrors ValidateStatusUpdate(const google::protobuf::Message& object,
                                        const google::protobuf::Message& old) const override;
  std::optional<std::string> SelectableField(const google::protobuf::Message& object,
                                             std::string_view field) const override;
};

}  // namespace kube::apiserver::core
