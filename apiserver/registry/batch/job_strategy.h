#pragma once

#include "apiserver/registry/apps/pod_template_hooks.h"
#include "apiserver/registry/strategy.h"

namespace kube::apiserver {

// batch/v1 Job (upstream pkg/registry/batch/job/strategy.go).
class JobStrategy : public Strategy {
 public:
  explicit JobStrategy(PodTemplateHooks hooks) : hooks_(std::move(hooks)) {}

  // completions/parallelism 1 (completions only when both are unset),
  // backoffLimit 6, completionMode NonIndexed, suspend false, manualSelector
  // false, podReplacementPolicy, the pod defaults on the template, and the Job's
  // labels from the template's when it has none.
  void Default(google::protobuf::Message& object) const override;
  // Clears status and generates the selector and pod labels from metadata.uid
  // (which the store has already assigned).
  void PrepareForCreate(google::protobuf::Message& object) const override;
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  // selector, completionMode, podFailurePolicy, backoffLimitPerIndex, managedBy,
  // successPolicy and the template are immutable (scheduling directives of a
  // suspended Job that never started excepted); completions may change only for
  // Indexed Jobs, together with parallelism.
  api::FieldErrors ValidateUpdate(const google::protobuf::Message& object,
                                  const google::protobuf::Message& old) const override;
  api::FieldErrors ValidateStatusUpdate(const google::protobuf::Message& object,
                                        const google::protobuf::Message& old) const override;
  // status.successful, as upstream's JobToSelectableFields.
  std::optional<std::string> SelectableField(const google::protobuf::Message& object,
                                             std::string_view field) const override;

 private:
  const PodTemplateHooks hooks_;  // constant after construction
};

}  // namespace kube::apiserver
