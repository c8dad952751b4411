#pragma once

#include "apiserver/registry/apps/pod_template_hooks.h"
#include "apiserver/registry/strategy.h"

namespace kube::apiserver {

// apps/v1 StatefulSet (upstream pkg/registry/apps/statefulset/strategy.go).
class StatefulSetStrategy : public Strategy {
 public:
  explicit StatefulSetStrategy(PodTemplateHooks hooks) : hooks_(std::move(hooks)) {}

  // replicas 1, podManagementPolicy OrderedReady, updateStrategy RollingUpdate
  // with partition 0, revisionHistoryLimit 10, PVC retention Retain/Retain, the
  // claim templates' volumeMode, and the pod defaults on the template.
  void Default(google::protobuf::Message& object) const override;
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  // Only replicas, ordinals, template, updateStrategy,
  // persistentVolumeClaimRetentionPolicy and minReadySeconds may change.
  api::FieldErrors ValidateUpdate(const google::protobuf::Message& object,
                                  const google::protobuf::Message& old) const override;
  api::FieldErrors ValidateStatusUpdate(const google::protobuf::Message& object,
                                        const google::protobuf::Message& old) const override;
  // StatefulSet names become pod hostnames: RFC 1123 labels.
  NameRule name_rule() const override { return NameRule::kDnsLabel; }

 private:
  const PodTemplateHooks hooks_;  // constant after construction
};

}  // namespace kube::apiserver
