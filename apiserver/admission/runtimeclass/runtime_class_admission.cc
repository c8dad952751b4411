#include "apiserver/admission/runtimeclass/runtime_class_admission.h"

#include <google/protobuf/util/message_differencer.h>

#include "common/api/errors.h"
#include "common/resource/quantity.h"
#include "common/util/strings.h"
#include "k8s/core/v1/core.pb.h"
#include "k8s/node/v1/node.pb.h"

namespace kube::apiserver::admission {
namespace {

using k8s::core::v1::Pod;
using k8s::node::v1::RuntimeClass;
using ResourceList = google::protobuf::Map<std::string, k8s::resource::Quantity>;

// Only new pods are the plugin's, as upstream's shouldIgnore.
bool IsPodCreate(const Request& request) {
  return request.operation == Operation::kCreate && request.subresource.empty() &&
         request.resource->group.empty() && request.resource->kind == "Pod";
}

absl::Status Forbidden(const Request& request, std::string_view message) {
  return api::ForbiddenError(request.resource->QualifiedResource(), request.name, message);
}

// Upstream's Semantic.DeepEqual of resource lists: the same names, equal quantities.
bool SameResources(const ResourceList& a, const ResourceList& b) {
  if (a.size() != b.size()) return false;
  for (const auto& [name, quantity] : a) {
    auto other = b.find(name);
    if (other == b.end()) return false;
    absl::StatusOr<resource::Quantity> left = resource::Quantity::Parse(quantity.string());
    absl::StatusOr<resource::Quantity> right = resource::Quantity::Parse(other->second.string());
    if (!left.ok() || !right.ok() ? quantity.string() != other->second.string() : *left != *right) {
      return false;
    }
  }
  return true;
}

// The pod's RuntimeClass (null when it names none); 403 when it does not exist.
absl::StatusOr<std::shared_ptr<const RuntimeClass>> ClassOf(const Request& request,
                                                            const Store& classes) {
  const auto& pod = static_cast<const Pod&>(*request.object);
  if (!pod.spec().has_runtimeclassname()) return std::shared_ptr<const RuntimeClass>();
  const std::string& name = pod.spec().runtimeclassname();
  absl::StatusOr<SharedObject> found = classes.GetCached("", name);
  if (absl::IsNotFound(found.status())) {
    return Forbidden(request, StrCat("pod rejected: RuntimeClass \"", name, "\" not found"));
  }
  if (!found.ok()) return found.status();
  return std::static_pointer_cast<const RuntimeClass>(*found);
}

}  // namespace

absl::Status RuntimeClassAdmission::Admit(Request& request) const {
  if (!IsPodCreate(request)) return absl::OkStatus();
  absl::StatusOr<std::shared_ptr<const RuntimeClass>> found = ClassOf(request, runtime_classes_);
  if (!found.ok()) return found.status();
  const std::shared_ptr<const RuntimeClass>& runtime_class = *found;
  if (runtime_class == nullptr) return absl::OkStatus();
  auto& spec = *static_cast<Pod&>(*request.object).mutable_spec();

  if (runtime_class->has_overhead()) {
    const ResourceList& fixed = runtime_class->overhead().podfixed();
    if (!spec.overhead().empty() && !SameResources(fixed, spec.overhead())) {
      return Forbidden(
          request, "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead");
    }
    *spec.mutable_overhead() = fixed;
  }
  if (runtime_class->has_scheduling()) {
    const auto& scheduling = runtime_class->scheduling();
    for (const auto& [key, value] : scheduling.nodeselector()) {
      auto existing = spec.nodeselector().find(key);
      if (existing != spec.nodeselector().end() && existing->second != value) {
        return Forbidden(
            request, StrCat("conflict: runtimeClass.scheduling.nodeSelector[", key, "] = ", value,
                            "; pod.spec.nodeSelector[", key, "] = ", existing->second));
      }
      (*spec.mutable_nodeselector())[key] = value;
    }
    for (const auto& toleration : scheduling.tolerations()) {
      bool present = false;
      for (const auto& existing : spec.tolerations()) {
        present |= google::protobuf::util::MessageDifferencer::Equals(existing, toleration);
      }
      if (!present) *spec.add_tolerations() = toleration;
    }
  }
  return absl::OkStatus();
}

absl::Status RuntimeClassAdmission::Validate(const Request& request) const {
  if (!IsPodCreate(request)) return absl::OkStatus();
  absl::StatusOr<std::shared_ptr<const RuntimeClass>> found = ClassOf(request, runtime_classes_);
  if (!found.ok()) return found.status();
  const auto& spec = static_cast<const Pod&>(*request.object).spec();
  if (*found != nullptr && (*found)->has_overhead()) {
    if (!SameResources((*found)->overhead().podfixed(), spec.overhead())) {
      return Forbidden(
          request, "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead");
    }
  } else if (!spec.overhead().empty()) {
    return Forbidden(
        request,
        "pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead");
  }
  return absl::OkStatus();
}

}  // namespace kube::apiserver::admission
