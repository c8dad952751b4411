#include "apiserver/registry/core/replication_controller_strategy.h"

#include "apiserver/registry/core/field_path.h"
#include "apiserver/registry/core/pod_defaults.h"
#include "apiserver/registry/core/pod_validation.h"

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::ReplicationController;

const ReplicationController& AsRc(const google::protobuf::Message& object) {
  return static_cast<const ReplicationController&>(object);
}

bool SelectorMatches(const google::protobuf::Map<std::string, std::string>& selector,
                     const google::protobuf::Map<std::string, std::string>& labels) {
  for (const auto& [key, value] : selector) {
    auto it = labels.find(key);
    if (it == labels.end() || it->second != value) return false;
  }
  return true;
}

}  // namespace

api::FieldErrors ValidatePodTemplateSpecForRC(const k8s::core::v1::PodTemplateSpec* spec,
                                              const google::protobuf::Map<std::string, std::string>& selector,
                                              const std::string& path) {
  api::FieldErrors errors;
  if (spec == nullptr) {
    errors.push_back(api::Required(path));
    return errors;
  }
  if (!selector.empty() && !SelectorMatches(selector, spec->metadata().labels())) {
    errors.push_back(InvalidRendered(Child(Child(path, "metadata"), "labels"),
                                     GoStringMap(spec->metadata().labels()),
                                     "`selector` does not match template `labels`"));
  }
  Append(errors, ValidatePodTemplateSpec(*spec, path));
  if (spec->spec().restartpolicy() != "Always") {
    errors.push_back(api::NotSupported(Child(Child(path, "spec"), "restartPolicy"),
                                       spec->spec().restartpolicy(), {"Always"}));
  }
  if (spec->spec().has_activedeadlineseconds()) {
    errors.push_back(api::Forbidden(Child(Child(path, "spec"), "activeDeadlineSeconds"),
                                    "activeDeadlineSeconds in ReplicationController is not Supported"));
  }
  return errors;
}

void ReplicationControllerStrategy::Default(google::protobuf::Message& object) const {
  auto& rc = static_cast<ReplicationController&>(object);
  auto* spec = rc.mutable_spec();
  if (spec->has_template_()) {
    const auto& labels = spec->template_().metadata().labels();
    if (!labels.empty()) {
      if (spec->selector().empty()) *spec->mutable_selector() = labels;
      if (rc.metadata().labels().empty()) *rc.mutable_metadata()->mutable_labels() = labels;
    }
    DefaultPodSpec(*spec->mutable_template_()->mutable_spec());
  }
  if (!spec->has_replicas()) spec->set_replicas(1);
}

api::FieldErrors ReplicationControllerStrategy::Validate(const google::protobuf::Message& object) const {
  const auto& spec = AsRc(object).spec();
  api::FieldErrors errors;
  CheckNonnegative(spec.minreadyseconds(), "spec.minReadySeconds", errors);
  if (spec.selector().empty()) errors.push_back(api::Required("spec.selector"));
  CheckNonnegative(spec.replicas(), "spec.replicas", errors);
  Append(errors, ValidatePodTemplateSpecForRC(spec.has_template_() ? &spec.template_() : nullptr,
                                              spec.selector(), "spec.template"));
  return errors;
}

api::FieldErrors ReplicationControllerStrategy::ValidateStatusUpdate(
    const google::protobuf::Message& object, const google::protobuf::Message& old) const {
  const auto& status = AsRc(object).status();
  api::FieldErrors errors;
  CheckNonnegative(status.replicas(), "status.replicas", errors);
  CheckNonnegative(status.fullylabeledreplicas(), "status.fullyLabeledReplicas", errors);
  CheckNonnegative(status.readyreplicas(), "status.readyReplicas", errors);
  CheckNonnegative(status.availablereplicas(), "status.availableReplicas", errors);
  CheckNonnegative(status.observedgeneration(), "status.observedGeneration", errors);
  const char kMessage[] = "cannot be greater than status.replicas";
  if (status.fullylabeledreplicas() > status.replicas()) {
    errors.push_back(api::InvalidNumber("status.fullyLabeledReplicas", status.fullylabeledreplicas(), kMessage));
  }
  if (status.readyreplicas() > status.replicas()) {
    errors.push_back(api::InvalidNumber("status.readyReplicas", status.readyreplicas(), kMessage));
  }
  if (status.availablereplicas() > status.replicas()) {
    errors.push_back(api::InvalidNumber("status.availableReplicas", status.availablereplicas(), kMessage));
  }
  if (status.availablereplicas() > status.readyreplicas()) {
    errors.push_back(api::InvalidNumber("status.availableReplicas", status.availablereplicas(),
                                        "cannot be greater than readyReplicas"));
  }
  return errors;
}

std::optional<std::string> ReplicationControllerStrategy::SelectableField(
    const google::protobuf::Message& object, std::string_view field) const {
  if (field == "status.replicas") return std::to_string(AsRc(object).status().replicas());
  return std::nullopt;
}

}  // namespace kube::apiserver::core
