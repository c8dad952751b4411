#include "apiserver/registry/apps/controllerrevision_strategy.h"

#include "apiserver/registry/apps/field_checks.h"
#include "k8s/apps/v1/apps.pb.h"

namespace kube::apiserver {

using k8s::apps::v1::ControllerRevision;

api::FieldErrors ControllerRevisionStrategy::Validate(const google::protobuf::Message& object) const {
  const auto& revision = static_cast<const ControllerRevision&>(object);
  api::FieldErrors errors;
  // An empty RawExtension decodes to a nil object upstream.
  if (revision.data().raw().empty()) errors.push_back(api::Required("data", "data is mandatory"));
  CheckNonnegative(revision.revision(), "revision", errors);
  return errors;
}

api::FieldErrors ControllerRevisionStrategy::ValidateUpdate(
    const google::protobuf::Message& object, const google::protobuf::Message& old) const {
  const auto& revision = static_cast<const ControllerRevision&>(object);
  const auto& old_revision = static_cast<const ControllerRevision&>(old);
  api::FieldErrors errors;
  // Upstream prints the decoded object; the raw JSON is the closest we have.
  CheckImmutable(revision.data().raw() == old_revision.data().raw(), "data",
                 api::QuoteValue(revision.data().raw()), errors);
  return errors;
}

}  // namespace kube::apiserver
