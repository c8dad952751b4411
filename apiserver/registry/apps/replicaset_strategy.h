#pragma once

#include "apiserver/registry/apps/pod_template_hooks.h"
#include "apiserver/registry/strategy.h"

namespace kube::apiserver {

// apps/v1 ReplicaSet (upstream pkg/registry/apps/replicaset/strategy.go).
class ReplicaSetStrategy : public Strategy {
 public:
  explicit ReplicaSetStrategy(PodTemplateHooks hooks) : hooks_(std::move(hooks)) {}

  // replicas 1 and the pod defaults on the template.
  void Default(google::protobuf::Message& object) const override;
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  // The selector is immutable in apps/v1.
  api::FieldErrors ValidateUpdate(const google::protobuf::Message& object,
                                  const google::protobuf::Message& old) const override;
  api::FieldErrors ValidateStatusUpdate(const google::protobuf::Message& object,
                                        const google::protobuf::Message& old) const override;
  // status.replicas, as upstream's ReplicaSetToSelectableFields.
  std::optional<std::string> SelectableField(const google::protobuf::Message& object,
                                             std::string_view field) const override;

 private:
  const PodTemplateHooks hooks_;  // constant after construction
};

}  // namespace kube::apiserver
