#include "apiserver/registry/scheduling/priority_class_strategy.h"

#include "apiserver/registry/core/field_path.h"
#include "apiserver/registry/core/pod_validation.h"
#include "apiserver/registry/scheduling/system_priority_classes.h"
#include "common/util/strings.h"
#include "k8s/scheduling/v1/scheduling.pb.h"

namespace kube::apiserver {

using k8s::scheduling::v1::PriorityClass;

void PriorityClassStrategy::Default(google::protobuf::Message& object) const {
  auto& priority_class = static_cast<PriorityClass&>(object);
  if (!priority_class.has_preemptionpolicy()) {
    priority_class.set_preemptionpolicy("PreemptLowerPriority");
  }
}

void PriorityClassStrategy::PrepareForCreate(google::protobuf::Message& object) const {
  static_cast<PriorityClass&>(object).mutable_metadata()->set_generation(1);
}

api::FieldErrors PriorityClassStrategy::Validate(const google::protobuf::Message& object) const {
  const auto& priority_class = static_cast<const PriorityClass&>(object);
  const std::string& name = priority_class.metadata().name();
  api::FieldErrors errors;
  if (name.starts_with(scheduling::kSystemPriorityClassPrefix)) {
    std::string why = scheduling::KnownSystemPriorityClassError(name, priority_class.value(),
                                                                priority_class.globaldefault());
    if (!why.empty()) {
      errors.push_back(api::Forbidden(
          "metadata.name",
          StrCat("priority class names with '", scheduling::kSystemPriorityClassPrefix,
                 "' prefix are reserved for system use only. error: ", why)));
    }
  } else if (priority_class.value() > scheduling::kHighestUserDefinablePriority) {
    errors.push_back(
        api::Forbidden("value", StrCat("maximum allowed value of a user defined priority is ",
                                       scheduling::kHighestUserDefinablePriority)));
  }
  if (priority_class.has_preemptionpolicy()) {
    core::ValidatePreemptionPolicy(priority_class.preemptionpolicy(), "preemptionPolicy", errors);
  }
  return errors;
}

api::FieldErrors PriorityClassStrategy::ValidateUpdate(const google::protobuf::Message& object,
                                                       const google::protobuf::Message& old) const {
  const auto& priority_class = static_cast<const PriorityClass&>(object);
  const auto& old_class = static_cast<const PriorityClass&>(old);
  api::FieldErrors errors;
  if (priority_class.value() != old_class.value()) {
    errors.push_back(api::Forbidden("value", "may not be changed in an update."));
  }
  if (priority_class.has_preemptionpolicy() != old_class.has_preemptionpolicy() ||
      priority_class.preemptionpolicy() != old_class.preemptionpolicy()) {
    errors.push_back(priority_class.has_preemptionpolicy()
                         ? api::Invalid("preemptionPolicy", priority_class.preemptionpolicy(),
                                        "field is immutable")
                         : core::InvalidRendered("preemptionPolicy", "null", "field is immutable"));
  }
  return errors;
}

}  // namespace kube::apiserver
