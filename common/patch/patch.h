#pragma once

#include <string>

#include <google/protobuf/descriptor.h>
#include <rapidjson/document.h>

#include "absl/status/status.h"

namespace kube::patch {

// The patch forms kubectl sends, applied to an object held as a JSON document
// (the object's Kubernetes JSON form). Each function edits `document` in place
// and returns InvalidArgument, with a message naming what was wrong, for a
// malformed patch or one that cannot apply (the server answers 422 or 400).
// `document` is unchanged when an error is returned.

// RFC 6902 JSON Patch (application/json-patch+json): an array of operations
// add, remove, replace, move, copy, test.
absl::Status ApplyJsonPatch(rapidjson::Document& document, const rapidjson::Value& patch);

// RFC 7386 JSON Merge Patch (application/merge-patch+json): objects merge
// recursively, null deletes, anything else (arrays included) replaces.
absl::Status ApplyMergePatch(rapidjson::Document& document, const rapidjson::Value& patch);

// Strategic merge patch (application/strategic-merge-patch+json). Like a merge
// patch, except that lists whose schema field has (k8s.merge_key) merge element by
// element on that key, lists of primitives with patch_strategy "merge" merge as
// sets, and the directives are honoured: {"$patch": "delete"|"replace"|"merge"},
// "$setElementOrder/<list>", "$retainKeys", "$deleteFromPrimitiveList/<list>".
// `type` is the descriptor of the object's message (Pod, Deployment, ...); the
// merge keys and strategies come from its fields' options.
absl::Status ApplyStrategicMergePatch(rapidjson::Document& document,
                                      const rapidjson::Value& patch,
                                      const google::protobuf::Descriptor* type);

}  // namespace kube::patch
