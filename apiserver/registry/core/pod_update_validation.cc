#include "apiserver/registry/core/pod_update_validation.h"

#include <limits>

#include <google/protobuf/util/message_differencer.h>

#include "apiserver/registry/core/field_path.h"
#include "apiserver/registry/core/pod_validation.h"

namespace kube::apiserver::core {
namespace {

using google::protobuf::util::MessageDifferencer;
using k8s::core::v1::Container;
using k8s::core::v1::PodSpec;
using k8s::core::v1::Toleration;

constexpr char kUpdatableFields[] =
    "pod updates may not change fields other than `spec.containers[*].image`,"
    "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only "
    "additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set "
    "to 1 if it was previously negative)";

// Upstream's ValidateContainerUpdates: same count, and every image still set.
bool ValidateContainerUpdates(const google::protobuf::RepeatedPtrField<Container>& containers,
                              const google::protobuf::RepeatedPtrField<Container>& old,
                              const std::string& path, api::FieldErrors& errors) {
  if (containers.size() != old.size()) {
    errors.push_back(api::Forbidden(path, "pod updates may not add or remove containers"));
    return false;
  }
  for (int i = 0; i < containers.size(); ++i) {
    if (containers.Get(i).image().empty()) {
      errors.push_back(api::Required(Child(Index(path, i), "image")));
    }
  }
  return true;
}

// Every old toleration must still be there; only its tolerationSeconds may change.
void ValidateOnlyAddedTolerations(const google::protobuf::RepeatedPtrField<Toleration>& tolerations,
                                  const google::protobuf::RepeatedPtrField<Toleration>& old,
                                  const std::string& path, api::FieldErrors& errors) {
  for (const Toleration& previous : old) {
    bool found = false;
    for (const Toleration& current : tolerations) {
      Toleration clone = previous;
      if (current.has_tolerationseconds()) {
        clone.set_tolerationseconds(current.tolerationseconds());
      } else {
        clone.clear_tolerationseconds();
      }
      if (MessageDifferencer::Equivalent(clone, current)) {
        found = true;
        break;
      }
    }
    if (!found) {
      errors.push_back(api::Forbidden(path, "existing toleration can not be modified except its tolerationSeconds"));
      return;
    }
  }
  ValidateTolerations(tolerations, path, errors);
}

bool ValidateActiveDeadline(const PodSpec& spec, const PodSpec& old, api::FieldErrors& errors) {
  const std::string path = "spec.activeDeadlineSeconds";
  if (spec.has_activedeadlineseconds()) {
    int64_t value = spec.activedeadlineseconds();
    if (value < 0 || value > std::numeric_limits<int32_t>::max()) {
      errors.push_back(api::InvalidNumber(path, value, "must be between 0 and 2147483647, inclusive"));
      return false;
    }
    if (old.has_activedeadlineseconds() && old.activedeadlineseconds() < value) {
      errors.push_back(api::InvalidNumber(path, value, "must be less than or equal to previous value"));
      return false;
    }
  } else if (old.has_activedeadlineseconds()) {
    errors.push_back({api::FieldError::Type::kInvalid, path, "null",
                      "must not update from a positive integer to nil value"});
  }
  return true;
}

}  // namespace

api::FieldErrors ValidatePodSpecUpdate(const PodSpec& spec, const PodSpec& old) {
  api::FieldErrors errors;
  if (!ValidateActiveDeadline(spec, old, errors)) return errors;
  if (!ValidateContainerUpdates(spec.containers(), old.containers(), "spec.containers", errors) ||
      !ValidateContainerUpdates(spec.initcontainers(), old.initcontainers(), "spec.initContainers",
                                errors)) {
    return errors;
  }
  ValidateOnlyAddedTolerations(spec.tolerations(), old.tolerations(), "spec.tolerations", errors);

  // Take what may change from the new spec into a copy of the old one; whatever
  // still differs was changed where it may not be.
  PodSpec munged = spec;
  for (int i = 0; i < munged.containers_size(); ++i) {
    munged.mutable_containers(i)->set_image(old.containers(i).image());
  }
  for (int i = 0; i < munged.initcontainers_size(); ++i) {
    munged.mutable_initcontainers(i)->set_image(old.initcontainers(i).image());
  }
  if (old.has_activedeadlineseconds()) {
    munged.set_activedeadlineseconds(old.activedeadlineseconds());
  } else {
    munged.clear_activedeadlineseconds();
  }
  *munged.mutable_tolerations() = old.tolerations();
  if (old.has_terminationgraceperiodseconds() && old.terminationgraceperiodseconds() < 0 &&
      spec.has_terminationgraceperiodseconds() && spec.terminationgraceperiodseconds() == 1) {
    munged.set_terminationgraceperiodseconds(old.terminationgraceperiodseconds());
  }
  if (!MessageDifferencer::Equivalent(munged, old)) {
    errors.push_back(api::Forbidden("spec", kUpdatableFields));
  }
  return errors;
}

}  // namespace kube::apiserver::core
