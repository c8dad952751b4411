#pragma once

#include <httplib.h>
#include <rapidjson/document.h>

#include "absl/status/status.h"
#include "apiserver/endpoints/request_info.h"
#include "apiserver/generic/store.h"

namespace kube::apiserver {

// PATCH on an object or its /status, in the four forms kubectl sends:
// application/json-patch+json, application/merge-patch+json,
// application/strategic-merge-patch+json and application/apply-patch+yaml
// (server-side apply, which also creates). Other content types are 415. The patch
// is applied to the object's JSON; the result is decoded under fieldValidation and
// stored through the generic store, so a patch that changes nothing does not write.
absl::Status ServePatch(const ResourceInfo& resource, const Store& store, const RequestInfo& info,
                        const httplib::Request& request, httplib::Response& response);

// Applies a patch of media type `patch_type` (json-patch, merge-patch or
// strategic-merge-patch) to `document`, the JSON of an object of `type`.
// Errors are Kubernetes API errors (400 for a malformed patch, 422 when it cannot
// apply); unknown media types are 415.
absl::Status ApplyPatchDocument(std::string_view patch_type, std::string_view patch_body,
                                rapidjson::Document& document,
                                const google::protobuf::Descriptor* type);

}  // namespace kube::apiserver
