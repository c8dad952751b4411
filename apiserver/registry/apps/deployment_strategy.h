#pragma once

#include "apiserver/registry/apps/pod_template_hooks.h"
#include "apiserver/registry/strategy.h"

namespace kube::apiserver {

// apps/v1 Deployment (upstream pkg/registry/apps/deployment/strategy.go).
class DeploymentStrategy : public Strategy {
 public:
  explicit DeploymentStrategy(PodTemplateHooks hooks) : hooks_(std::move(hooks)) {}

  // replicas 1, RollingUpdate 25%/25%, revisionHistoryLimit 10,
  // progressDeadlineSeconds 600, and the pod defaults on the template.
  void Default(google::protobuf::Message& object) const override;
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  // The selector is immutable in apps/v1.
  api::FieldErrors ValidateUpdate(const google::protobuf::Message& object,
                                  const google::protobuf::Message& old) const override;
  api::FieldErrors ValidateStatusUpdate(const google::protobuf::Message& object,
                                        const google::protobuf::Message& old) const override;

 private:
  const PodTemplateHooks hooks_;  // constant after construction
};

}  // namespace kube::apiserver
