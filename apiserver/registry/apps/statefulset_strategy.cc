#include "apiserver/registry/apps/statefulset_strategy.h"

#include "apiserver/registry/apps/controller_template.h"
#include "apiserver/registry/apps/field_checks.h"
#include "apiserver/registry/apps/go_format.h"
#include "apiserver/registry/apps/int_or_percent.h"
#include "apiserver/registry/apps/label_selector_validation.h"
#include "apiserver/validation/object_meta_validation.h"
#include "k8s/apps/v1/apps.pb.h"

namespace kube::apiserver {
namespace {

using k8s::apps::v1::StatefulSet;

void CheckUpdateStrategy(const k8s::apps::v1::StatefulSetUpdateStrategy& strategy,
                         api::FieldErrors& errors) {
  const std::string path = "spec.updateStrategy";
  if (strategy.type().empty()) {
    errors.push_back(api::Required(path));
  } else if (strategy.type() == "OnDelete") {
    if (strategy.has_rollingupdate()) {
      errors.push_back(InvalidRendered(path + ".rollingUpdate", "apps.RollingUpdateStatefulSetStrategy{...}",
                                       "only allowed for updateStrategy 'RollingUpdate'"));
    }
  } else if (strategy.type() == "RollingUpdate") {
    if (!strategy.has_rollingupdate()) return;
    const auto& rolling = strategy.rollingupdate();
    CheckNonnegative(rolling.partition(), path + ".rollingUpdate.partition", errors);
    if (rolling.has_maxunavailable()) {
      const std::string field = path + ".rollingUpdate.maxUnavailable";
      CheckIntOrPercent(rolling.maxunavailable(), field, errors);
      if (IntOrPercentValue(rolling.maxunavailable()) == 0) {
        errors.push_back(InvalidRendered(field, GoIntOrString(rolling.maxunavailable()), "cannot be 0"));
      }
      CheckNotMoreThan100Percent(rolling.maxunavailable(), field, errors);
    }
  } else {
    errors.push_back(InvalidRendered(
        path, "apps.StatefulSetUpdateStrategy{Type:" + api::QuoteValue(strategy.type()) + ", ...}",
        "must be 'RollingUpdate' or 'OnDelete'"));
  }
}

void CheckRetentionPolicy(const StatefulSet& set, api::FieldErrors& errors) {
  if (!set.spec().has_persistentvolumeclaimretentionpolicy()) return;
  const auto& policy = set.spec().persistentvolumeclaimretentionpolicy();
  const std::string path = "spec.persistentVolumeClaimRetentionPolicy";
  for (const auto& [value, field] : {std::pair{policy.whendeleted(), path + ".whenDeleted"},
                                     std::pair{policy.whenscaled(), path + ".whenScaled"}}) {
    if (value != "Retain" && value != "Delete") {
      errors.push_back(api::NotSupported(field, value, {"Retain", "Delete"}));
    }
  }
}

}  // namespace

void StatefulSetStrategy::Default(google::protobuf::Message& object) const {
  auto& spec = *static_cast<StatefulSet&>(object).mutable_spec();
  if (spec.podmanagementpolicy().empty()) spec.set_podmanagementpolicy("OrderedReady");
  auto& strategy = *spec.mutable_updatestrategy();
  if (strategy.type().empty()) {
    strategy.set_type("RollingUpdate");
    strategy.mutable_rollingupdate();
  }
  if (strategy.type() == "RollingUpdate" && strategy.has_rollingupdate() &&
      !strategy.rollingupdate().has_partition()) {
    strategy.mutable_rollingupdate()->set_partition(0);
  }
  auto& retention = *spec.mutable_persistentvolumeclaimretentionpolicy();
  if (retention.whendeleted().empty()) retention.set_whendeleted("Retain");
  if (retention.whenscaled().empty()) retention.set_whenscaled("Retain");
  if (!spec.has_replicas()) spec.set_replicas(1);
  if (!spec.has_revisionhistorylimit()) spec.set_revisionhistorylimit(10);
  // Claim templates get the PersistentVolumeClaim defaults.
  for (auto& claim : *spec.mutable_volumeclaimtemplates()) {
    if (!claim.spec().has_volumemode()) claim.mutable_spec()->set_volumemode("Filesystem");
    if (claim.status().phase().empty()) claim.mutable_status()->set_phase("Pending");
  }
  hooks_.Default(*spec.mutable_template_());
}

api::FieldErrors StatefulSetStrategy::Validate(const google::protobuf::Message& object) const {
  const auto& set = static_cast<const StatefulSet&>(object);
  const auto& spec = set.spec();
  api::FieldErrors errors;
  const std::string& policy = spec.podmanagementpolicy();
  if (policy.empty()) {
    errors.push_back(api::Required("spec.podManagementPolicy"));
  } else if (policy != "OrderedReady" && policy != "Parallel") {
    errors.push_back(api::Invalid("spec.podManagementPolicy", policy,
                                  "must be 'OrderedReady' or 'Parallel'"));
  }
  CheckUpdateStrategy(spec.updatestrategy(), errors);
  CheckRetentionPolicy(set, errors);
  CheckNonnegative(spec.replicas(), "spec.replicas", errors);
  CheckNonnegative(spec.minreadyseconds(), "spec.minReadySeconds", errors);
  if (spec.has_ordinals()) CheckNonnegative(spec.ordinals().start(), "spec.ordinals.start", errors);

  const auto* selector = spec.has_selector() ? &spec.selector() : nullptr;
  CheckControllerSelector(selector, /*required=*/true, "statefulset", errors);
  CheckSelectorMatchesTemplate(selector, spec.template_(), errors);
  // As upstream, only the template's metadata is validated here: the pod spec may
  // mount claims from volumeClaimTemplates that are not among its own volumes.
  Append(errors, ValidateLabels(spec.template_().metadata().labels(), "spec.template.labels"));
  if (spec.template_().spec().restartpolicy() != "Always") {
    errors.push_back(api::NotSupported("spec.template.spec.restartPolicy",
                                       spec.template_().spec().restartpolicy(), {"Always"}));
  }
  if (spec.template_().spec().has_activedeadlineseconds()) {
    errors.push_back(api::Forbidden("spec.template.spec.activeDeadlineSeconds",
                                    "activeDeadlineSeconds in StatefulSet is not Supported"));
  }
  return errors;
}

api::FieldErrors StatefulSetStrategy::ValidateUpdate(const google::protobuf::Message& object,
                                                     const google::protobuf::Message& old) const {
  const auto& set = static_cast<const StatefulSet&>(object);
  const auto& old_set = static_cast<const StatefulSet&>(old);
  // Copy the mutable fields from the old spec; whatever still differs was forbidden.
  k8s::apps::v1::StatefulSetSpec rest = set.spec();
  const auto& old_spec = old_set.spec();
  auto carry = [&](const google::protobuf::FieldDescriptor* field) {
    const auto* reflection = rest.GetReflection();
    reflection->ClearField(&rest, field);
    if (old_spec.GetReflection()->HasField(old_spec, field)) {
      if (field->type() == google::protobuf::FieldDescriptor::TYPE_MESSAGE) {
        reflection->MutableMessage(&rest, field)->CopyFrom(old_spec.GetReflection()->GetMessage(old_spec, field));
      } else {
        reflection->SetInt32(&rest, field, old_spec.GetReflection()->GetInt32(old_spec, field));
      }
    }
  };
  const auto* descriptor = rest.GetDescriptor();
  for (const char* name : {"replicas", "template", "updateStrategy", "minReadySeconds", "ordinals",
                           "persistentVolumeClaimRetentionPolicy"}) {
    carry(descriptor->FindFieldByName(name));
  }
  api::FieldErrors errors;
  if (!SameMessage(rest, old_spec)) {
    errors.push_back(api::Forbidden(
        "spec",
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', "
        "'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are "
        "forbidden"));
  }
  return errors;
}

api::FieldErrors StatefulSetStrategy::ValidateStatusUpdate(
    const google::protobuf::Message& object, const google::protobuf::Message& old) const {
  const auto& status = static_cast<const StatefulSet&>(object).status();
  const auto& old_status = static_cast<const StatefulSet&>(old).status();
  api::FieldErrors errors;
  CheckNonnegative(status.replicas(), "status.replicas", errors);
  CheckNonnegative(status.readyreplicas(), "status.readyReplicas", errors);
  CheckNonnegative(status.currentreplicas(), "status.currentReplicas", errors);
  CheckNonnegative(status.updatedreplicas(), "status.updatedReplicas", errors);
  CheckNonnegative(status.availablereplicas(), "status.availableReplicas", errors);
  CheckNonnegative(status.observedgeneration(), "status.observedGeneration", errors);
  if (status.has_collisioncount()) {
    CheckNonnegative(status.collisioncount(), "status.collisionCount", errors);
  }
  const std::string above = "cannot be greater than status.replicas";
  CheckNotAbove(status.readyreplicas(), status.replicas(), "status.readyReplicas", above, errors);
  CheckNotAbove(status.currentreplicas(), status.replicas(), "status.currentReplicas", above, errors);
  CheckNotAbove(status.updatedreplicas(), status.replicas(), "status.updatedReplicas", above, errors);
  CheckNotAbove(status.availablereplicas(), status.replicas(), "status.availableReplicas", above,
                errors);
  CheckNotAbove(status.availablereplicas(), status.readyreplicas(), "status.availableReplicas",
                "cannot be greater than status.readyReplicas", errors);
  CheckNotDecremented(status.has_collisioncount(), status.collisioncount(),
                      old_status.has_collisioncount(), old_status.collisioncount(),
                      "status.collisionCount", errors);
  return errors;
}

}  // namespace kube::apiserver
