#include "apiserver/admission/priority/priority_admission.h"

#include <optional>

#include "common/api/errors.h"
#include "common/util/strings.h"
#include "k8s/core/v1/core.pb.h"
#include "k8s/scheduling/v1/scheduling.pb.h"

namespace kube::apiserver::admission {
namespace {

using k8s::core::v1::Pod;
using k8s::scheduling::v1::PriorityClass;

constexpr char kSchedulingGroup[] = "scheduling.k8s.io";

bool Is(const Request& request, const char* group, const char* kind) {
  return request.subresource.empty() && request.resource->group == group &&
         request.resource->kind == kind;
}

// The global default class: the lowest-valued one should there be several.
absl::StatusOr<std::shared_ptr<const PriorityClass>> DefaultClass(const Store& classes) {
  absl::StatusOr<std::vector<SharedObject>> all = classes.ListShared("");
  if (!all.ok()) return all.status();
  std::shared_ptr<const PriorityClass> found;
  for (const SharedObject& object : *all) {
    auto candidate = std::static_pointer_cast<const PriorityClass>(object);
    if (candidate->globaldefault() && (found == nullptr || candidate->value() < found->value())) {
      found = std::move(candidate);
    }
  }
  return found;
}

absl::Status Forbidden(const Request& request, std::string_view message) {
  return api::ForbiddenError(request.resource->QualifiedResource(), request.name, message);
}

}  // namespace

absl::Status PriorityAdmission::Admit(Request& request) const {
  if (!Is(request, "", "Pod")) return absl::OkStatus();
  if (request.operation == Operation::kCreate) return AdmitPodCreate(request);
  if (request.operation == Operation::kUpdate && request.old_object != nullptr) {
    auto& spec = *static_cast<Pod&>(*request.object).mutable_spec();
    const auto& old_spec = static_cast<const Pod&>(*request.old_object).spec();
    if (!spec.has_priority() && old_spec.has_priority()) spec.set_priority(old_spec.priority());
    if (!spec.has_preemptionpolicy() && old_spec.has_preemptionpolicy()) {
      spec.set_preemptionpolicy(old_spec.preemptionpolicy());
    }
  }
  return absl::OkStatus();
}

absl::Status PriorityAdmission::AdmitPodCreate(Request& request) const {
  auto& spec = *static_cast<Pod&>(*request.object).mutable_spec();
  int32_t priority = 0;
  std::optional<std::string> preemption_policy;
  if (spec.priorityclassname().empty()) {
    absl::StatusOr<std::shared_ptr<const PriorityClass>> found = DefaultClass(priority_classes_);
    if (!found.ok()) {
      return api::InternalError(
          StrCat("failed to get default priority class: ", found.status().message()));
    }
    if (*found != nullptr) {
      spec.set_priorityclassname((*found)->metadata().name());
      priority = (*found)->value();
      if ((*found)->has_preemptionpolicy()) preemption_policy = (*found)->preemptionpolicy();
    } else {
      preemption_policy = "PreemptLowerPriority";
    }
  } else {
    absl::StatusOr<SharedObject> found = priority_classes_.GetCached("", spec.priorityclassname());
    if (absl::IsNotFound(found.status())) {
      return Forbidden(
          request, StrCat("no PriorityClass with name ", spec.priorityclassname(), " was found"));
    }
    if (!found.ok()) {
      return api::InternalError(StrCat("failed to get PriorityClass with name ",
                                       spec.priorityclassname(), ": ", found.status().message()));
    }
    const auto& priority_class = static_cast<const PriorityClass&>(**found);
    priority = priority_class.value();
    if (priority_class.has_preemptionpolicy())
      preemption_policy = priority_class.preemptionpolicy();
  }
  if (spec.has_priority() && spec.priority() != priority) {
    return Forbidden(request, StrCat("the integer value of priority (", spec.priority(),
                                     ") must not be provided in pod spec; priority admission "
                                     "controller computed ",
                                     priority, " from the given PriorityClass name"));
  }
  spec.set_priority(priority);
  if (preemption_policy) {
    if (spec.has_preemptionpolicy() && spec.preemptionpolicy() != *preemption_policy) {
      return Forbidden(request,
                       StrCat("the string value of PreemptionPolicy (", spec.preemptionpolicy(),
                              ") must not be provided in pod spec; priority admission "
                              "controller computed ",
                              *preemption_policy, " from the given PriorityClass name"));
    }
    spec.set_preemptionpolicy(*preemption_policy);
  }
  return absl::OkStatus();
}

absl::Status PriorityAdmission::Validate(const Request& request) const {
  if (!Is(request, kSchedulingGroup, "PriorityClass") ||
      (request.operation != Operation::kCreate && request.operation != Operation::kUpdate)) {
    return absl::OkStatus();
  }
  const auto& priority_class = static_cast<const PriorityClass&>(*request.object);
  if (!priority_class.globaldefault()) return absl::OkStatus();
  absl::StatusOr<std::shared_ptr<const PriorityClass>> found = DefaultClass(priority_classes_);
  if (!found.ok()) {
    return api::InternalError(
        StrCat("failed to get default priority class: ", found.status().message()));
  }
  if (*found == nullptr) return absl::OkStatus();
  const std::string& existing = (*found)->metadata().name();
  // Re-marking the current default is fine; any other class may not join it.
  if (request.operation == Operation::kCreate || existing != priority_class.metadata().name()) {
    return Forbidden(request, StrCat("PriorityClass ", existing,
                                     " is already marked as default. Only one default can exist"));
  }
  return absl::OkStatus();
}

}  // namespace kube::apiserver::admission
