#include "apiserver/registry/apps/replicaset_strategy.h"

#include "apiserver/registry/apps/controller_template.h"
#include "apiserver/registry/apps/field_checks.h"
#include "apiserver/registry/apps/go_format.h"
#include "k8s/apps/v1/apps.pb.h"

namespace kube::apiserver {

using k8s::apps::v1::ReplicaSet;

void ReplicaSetStrategy::Default(google::protobuf::Message& object) const {
  auto& spec = *static_cast<ReplicaSet&>(object).mutable_spec();
  if (!spec.has_replicas()) spec.set_replicas(1);
  hooks_.Default(*spec.mutable_template_());
}

api::FieldErrors ReplicaSetStrategy::Validate(const google::protobuf::Message& object) const {
  const auto& spec = static_cast<const ReplicaSet&>(object).spec();
  api::FieldErrors errors;
  CheckNonnegative(spec.replicas(), "spec.replicas", errors);
  CheckNonnegative(spec.minreadyseconds(), "spec.minReadySeconds", errors);
  const auto* selector = spec.has_selector() ? &spec.selector() : nullptr;
  // Upstream's message says "deployment" for ReplicaSets too.
  CheckControllerSelector(selector, /*required=*/true, "deployment", errors);
  CheckSelectorMatchesTemplate(selector, spec.template_(), errors);
  CheckAlwaysRunningTemplate(spec.template_(), hooks_, "ReplicaSet", errors);
  return errors;
}

api::FieldErrors ReplicaSetStrategy::ValidateUpdate(const google::protobuf::Message& object,
                                                    const google::protobuf::Message& old) const {
  const auto& spec = static_cast<const ReplicaSet&>(object).spec();
  const auto& old_spec = static_cast<const ReplicaSet&>(old).spec();
  api::FieldErrors errors;
  bool unchanged = spec.has_selector() == old_spec.has_selector() &&
                   SameMessage(spec.selector(), old_spec.selector());
  CheckImmutable(unchanged, "spec.selector",
                 GoLabelSelector(spec.has_selector() ? &spec.selector() : nullptr), errors);
  return errors;
}

api::FieldErrors ReplicaSetStrategy::ValidateStatusUpdate(
    const google::protobuf::Message& object, const google::protobuf::Message& old) const {
  const auto& status = static_cast<const ReplicaSet&>(object).status();
  api::FieldErrors errors;
  CheckNonnegative(status.replicas(), "status.replicas", errors);
  CheckNonnegative(status.fullylabeledreplicas(), "status.fullyLabeledReplicas", errors);
  CheckNonnegative(status.readyreplicas(), "status.readyReplicas", errors);
  CheckNonnegative(status.availablereplicas(), "status.availableReplicas", errors);
  CheckNonnegative(status.observedgeneration(), "status.observedGeneration", errors);
  const std::string above = "cannot be greater than status.replicas";
  CheckNotAbove(status.fullylabeledreplicas(), status.replicas(), "status.fullyLabeledReplicas",
                above, errors);
  CheckNotAbove(status.readyreplicas(), status.replicas(), "status.readyReplicas", above, errors);
  CheckNotAbove(status.availablereplicas(), status.replicas(), "status.availableReplicas", above,
                errors);
  CheckNotAbove(status.availablereplicas(), status.readyreplicas(), "status.availableReplicas",
                "cannot be greater than readyReplicas", errors);
  return errors;
}

std::optional<std::string> ReplicaSetStrategy::SelectableField(
    const google::protobuf::Message& object, std::string_view field) const {
  if (field != "status.replicas") return std::nullopt;
  return std::to_string(static_cast<const ReplicaSet&>(object).status().replicas());
}

}  // namespace kube::apiserver
