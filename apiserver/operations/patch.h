#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/descriptor.h>
#include <rapidjson/document.h>

#include "absl/status/statusor.h"
#include "apiserver/generic/store.h"

namespace kube::apiserver {

// A PATCH, whichever transport carried it.
struct PatchRequest {
  std::string patch_type;  // application/merge-patch+json, ..., application/apply-patch+yaml
  std::string body;
  std::string field_manager;     // required for apply; else recorded when tracking fields
  bool force = false;            // apply: take over conflicting fields
  std::string field_validation;  // Strict, Warn, Ignore
  bool dry_run = false;
  std::string subresource;  // "" or "status"
  const auth::UserInfo* user = nullptr;  // who asks (borrowed), for admission
};

struct PatchResult {
  ObjectPtr object;
  bool created = false;  // a server-side apply created the object
  std::vector<std::string> warnings;
};

// Patches an object (or its status): the patch is applied to the object's JSON, the
// result decoded under fieldValidation and stored through the generic store, so a
// patch that changes nothing does not write. Server-side apply creates missing
// objects and keeps managedFields; once an object has managed fields, other
// writers' fields are tracked too. Unknown patch types are 415.
absl::StatusOr<PatchResult> PatchObject(const ResourceInfo& resource, const Store& store,
                                        std::string_view ns, std::string_view name,
                                        const PatchRequest& request);

// Applies a patch of media type `patch_type` (json-patch, merge-patch or
// strategic-merge-patch) to `document`, the JSON of an object of `type`. 400 for a
// malformed patch, 422 when it cannot apply, 415 for other types.
absl::Status ApplyPatchDocument(std::string_view patch_type, std::string_view patch_body,
                                rapidjson::Document& document,
                                const google::protobuf::Descriptor* type);

// The object's JSON as a patch sees it: with kind and apiVersion.
rapidjson::Document ObjectDocument(const google::protobuf::Message& object);

}  // namespace kube::apiserver
