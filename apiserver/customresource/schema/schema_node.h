#pragma once

// Read access to one node of a CRD's openAPIV3Schema, kept as the JSON the user wrote.
// Every walk over a schema (structural checks, validation, pruning, defaulting) finds
// keywords and sub-schemas through these helpers, so a keyword of the wrong JSON type
// reads as absent everywhere alike (CheckSchemaShape reports it).

#include <string>
#include <string_view>

#include "rapidjson/document.h"

namespace kube::apiserver::crd_schema {

// The keyword's value, or null if the node is not an object or lacks it.
const rapidjson::Value* Keyword(const rapidjson::Value& schema, std::string_view name);

// The keyword as a string ("" if absent or not a string).
std::string_view StringKeyword(const rapidjson::Value& schema, std::string_view name);

// True if the keyword is the JSON literal true.
bool IsTrue(const rapidjson::Value& schema, std::string_view name);

// The keyword if it is an object / array, else null.
const rapidjson::Value* ObjectKeyword(const rapidjson::Value& schema, std::string_view name);
const rapidjson::Value* ArrayKeyword(const rapidjson::Value& schema, std::string_view name);

// The keyword if it is a number, else null.
const rapidjson::Value* NumberKeyword(const rapidjson::Value& schema, std::string_view name);

inline std::string_view Type(const rapidjson::Value& schema) {
  return StringKeyword(schema, "type");
}
inline bool Nullable(const rapidjson::Value& schema) { return IsTrue(schema, "nullable"); }
inline bool PreservesUnknownFields(const rapidjson::Value& schema) {
  return IsTrue(schema, "x-kubernetes-preserve-unknown-fields");
}
inline bool EmbeddedResource(const rapidjson::Value& schema) {
  return IsTrue(schema, "x-kubernetes-embedded-resource");
}
inline bool IntOrString(const rapidjson::Value& schema) {
  return IsTrue(schema, "x-kubernetes-int-or-string");
}

// The schema of property `name` under `properties`, or null.
const rapidjson::Value* PropertySchema(const rapidjson::Value& schema, std::string_view name);

// `items` when it is a single schema (an object), else null.
const rapidjson::Value* ItemsSchema(const rapidjson::Value& schema);

// What `additionalProperties` says: absent, a bool, or a schema.
struct AdditionalProperties {
  bool present = false;
  bool allows = true;                        // false only for `additionalProperties: false`
  const rapidjson::Value* schema = nullptr;  // set when it is a schema object
};
AdditionalProperties GetAdditionalProperties(const rapidjson::Value& schema);

// The structural schema of an object's field `key`: its property schema, else the
// additionalProperties schema, else null (upstream's getSchemaForField).
const rapidjson::Value* FieldSchema(const rapidjson::Value& schema, std::string_view key);

// The `default` value, or null if absent or JSON null (upstream treats both alike).
const rapidjson::Value* DefaultValue(const rapidjson::Value& schema);

// True for the keywords of apiextensions' JSONSchemaProps ("type", "x-kubernetes-map-type",
// ...); others are unknown fields, dropped when a CRD is decoded.
bool IsSchemaKeyword(std::string_view name);

// True for a keyword value Go decodes to its zero value: null, false, "", [].
bool IsZeroKeywordValue(const rapidjson::Value& value);

// True for apiVersion, kind and metadata: the fields an (embedded) resource keeps.
bool IsResourceMetaField(std::string_view key);

// field.Path text: Child ("a.b"), Key ("a[b]"), Index ("a[0]").
std::string ChildPath(std::string_view path, std::string_view name);
std::string KeyPath(std::string_view path, std::string_view key);
std::string IndexPath(std::string_view path, size_t index);

inline std::string_view ToView(const rapidjson::Value& string_value) {
  return {string_value.GetString(), string_value.GetStringLength()};
}

}  // namespace kube::apiserver::crd_schema
