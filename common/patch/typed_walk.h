#pragma once

// Objects seen as field sets under the schema, as structured-merge-diff sees them:
// the fields an applied configuration sets, and how two versions of an object differ.

#include <string>

#include "absl/status/statusor.h"
#include "common/patch/field_set.h"
#include "common/patch/schema.h"
#include "rapidjson/document.h"

namespace kube::patch::internal {

// The path element of `item` in a list of `field` ("k:{\"name\":\"web\"}" or "v:\"x\"").
// Fails for atomic lists and for elements without their key.
absl::StatusOr<std::string> ItemElement(const rapidjson::Value& item, const FieldType& field);

// upstream's ToFieldSet for an applied configuration: every scalar, atomic value, list
// item, map entry and empty or null struct it sets. Unknown fields, duplicate list keys
// and elements without their key are errors that name the path.
absl::StatusOr<FieldSet> ConfigFieldSet(const rapidjson::Value& config, const ValueType& type);

// What changed from one version of an object to the next. Containers that appear or
// disappear are listed along with their contents. metadata.managedFields is ignored.
struct Comparison {
  FieldSet added;
  FieldSet modified;
  FieldSet removed;

  bool Empty() const { return added.Empty() && modified.Empty() && removed.Empty(); }
};
Comparison Compare(const rapidjson::Value& before, const rapidjson::Value& after,
                   const ValueType& type);

// Drops the fields upstream never tracks (apiVersion, kind, metadata.name, uid,
// resourceVersion, managedFields, ...).
void StripUntracked(FieldSet& set);

}  // namespace kube::patch::internal
