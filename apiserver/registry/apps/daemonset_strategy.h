#pragma once

#include "apiserver/registry/apps/pod_template_hooks.h"
#include "apiserver/registry/strategy.h"

namespace kube::apiserver {

// apps/v1 DaemonSet (upstream pkg/registry/apps/daemonset/strategy.go).
class DaemonSetStrategy : public Strategy {
 public:
  // The annotation apps/v1 carries the internal spec.templateGeneration in.
  static constexpr char kTemplateGenerationAnnotation[] =
      "deprecated.daemonset.template.generation";

  explicit DaemonSetStrategy(PodTemplateHooks hooks) : hooks_(std::move(hooks)) {}

  // updateStrategy RollingUpdate (maxUnavailable 1, maxSurge 0),
  // revisionHistoryLimit 10, and the pod defaults on the template.
  void Default(google::protobuf::Message& object) const override;
  // Clears status and starts the template generation at 1.
  void PrepareForCreate(google::protobuf::Message& object) const override;
  // Keeps status; the template generation is the server's: +1 when the template
  // changed, otherwise unchanged whatever the client sent.
  void PrepareForUpdate(google::protobuf::Message& object,
                        const google::protobuf::Message& old) const override;
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
