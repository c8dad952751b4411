#pragma once

// Server-side apply (kubectl apply --server-side: PATCH with
// application/apply-patch+yaml) and the field ownership every other write records,
// after k8s.io/apimachinery's managedfields and sigs.k8s.io/structured-merge-diff.

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "google/protobuf/descriptor.h"
#include "rapidjson/document.h"

namespace kube::patch {

// The body of an apply request (one YAML or JSON document) as JSON. Several documents,
// none, or a non-object are InvalidArgument.
absl::StatusOr<rapidjson::Document> ParseApplyBody(std::string_view body);

struct ApplyResult {
  rapidjson::Document object;
};

// Applies `manager`'s configuration `applied` to `live` (the stored object's JSON, or
// nullptr when it does not exist and the apply creates it). Returns the merged object
// with metadata.managedFields updated: `manager`'s "Apply" entry holds exactly the
// fields `applied` sets (time = `now_rfc3339` when anything changed). Fields `manager`
// applied before and applies no more are removed unless another manager owns them.
// A change to a field another manager owns is a conflict: FailedPrecondition with
// upstream's message ("Apply failed with 1 conflict: conflict with \"kubectl-edit\"
// using v1: .spec.replicas") unless `force`, which takes the fields over. Bad input
// (unknown fields, duplicate list keys, managedFields in `applied`) is InvalidArgument.
// `type` is the kind's message, `api_version` its group/version ("apps/v1").
absl::StatusOr<ApplyResult> ServerSideApply(const rapidjson::Value* live,
                                            const rapidjson::Value& applied,
                                            const std::string& manager, bool force,
                                            const google::protobuf::Descriptor* type,
                                            std::string_view api_version,
                                            std::string_view now_rfc3339);

// Records in `object` (the result of a create, update or patch; `old_object` is the
// object before, nullptr for a create) that `manager` ("kubectl-edit", ...; "" reads
// as "unknown") now owns the fields it added or changed, with operation "Update".
// Other managers lose those fields and any removed ones. managedFields sent in
// `object` are kept if well formed (a user may edit them) and taken from `old_object`
// otherwise; a single empty entry ([{}]) clears them. Writes through a subresource
// ("status", "scale") are recorded as that subresource's, as upstream does.
absl::Status TrackUpdate(rapidjson::Document& object, const rapidjson::Value* old_object,
                         const std::string& manager, const google::protobuf::Descriptor* type,
                         std::string_view api_version, std::string_view now_rfc3339,
                         std::string_view subresource = "");

}  // namespace kube::patch
