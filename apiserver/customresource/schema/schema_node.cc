#include "apiserver/customresource/schema/schema_node.h"

#include "common/util/strings.h"

namespace kube::apiserver::crd_schema {

const rapidjson::Value* Keyword(const rapidjson::Value& schema, std::string_view name) {
  if (!schema.IsObject()) return nullptr;
  auto it = schema.FindMember(rapidjson::Value(rapidjson::StringRef(name.data(), name.size())));
  return it == schema.MemberEnd() ? nullptr : &it->value;
}

std::string_view StringKeyword(const rapidjson::Value& schema, std::string_view name) {
  const rapidjson::Value* value = Keyword(schema, name);
  return value != nullptr && value->IsString() ? ToView(*value) : std::string_view();
}

bool IsTrue(const rapidjson::Value& schema, std::string_view name) {
  const rapidjson::Value* value = Keyword(schema, name);
  return value != nullptr && value->IsTrue();
}

const rapidjson::Value* ObjectKeyword(const rapidjson::Value& schema, std::string_view name) {
  const rapidjson::Value* value = Keyword(schema, name);
  return value != nullptr && value->IsObject() ? value : nullptr;
}

const rapidjson::Value* ArrayKeyword(const rapidjson::Value& schema, std::string_view name) {
  const rapidjson::Value* value = Keyword(schema, name);
  return value != nullptr && value->IsArray() ? value : nullptr;
}

const rapidjson::Value* NumberKeyword(const rapidjson::Value& schema, std::string_view name) {
  const rapidjson::Value* value = Keyword(schema, name);
  return value != nullptr && value->IsNumber() ? value : nullptr;
}

const rapidjson::Value* PropertySchema(const rapidjson::Value& schema, std::string_view name) {
  const rapidjson::Value* properties = ObjectKeyword(schema, "properties");
  if (properties == nullptr) return nullptr;
  const rapidjson::Value* property = Keyword(*properties, name);
  return property != nullptr && property->IsObject() ? property : nullptr;
}

const rapidjson::Value* ItemsSchema(const rapidjson::Value& schema) {
  return ObjectKeyword(schema, "items");
}

AdditionalProperties GetAdditionalProperties(const rapidjson::Value& schema) {
  AdditionalProperties result;
  const rapidjson::Value* value = Keyword(schema, "additionalProperties");
  if (value == nullptr) return result;
  if (value->IsBool()) {
    result.present = true;
    result.allows = value->GetBool();
  } else if (value->IsObject()) {
    result.present = true;
    result.schema = value;
  }
  return result;
}

const rapidjson::Value* FieldSchema(const rapidjson::Value& schema, std::string_view key) {
  if (const rapidjson::Value* property = PropertySchema(schema, key)) return property;
  return GetAdditionalProperties(schema).schema;
}

const rapidjson::Value* DefaultValue(const rapidjson::Value& schema) {
  const rapidjson::Value* value = Keyword(schema, "default");
  return value != nullptr && !value->IsNull() ? value : nullptr;
}

bool IsSchemaKeyword(std::string_view name) {
  static constexpr std::string_view kKeywords[] = {"id",
                                                   "$schema",
                                                   "$ref",
                                                   "description",
                                                   "type",
                                                   "format",
                                                   "title",
                                                   "default",
                                                   "maximum",
                                                   "exclusiveMaximum",
                                                   "minimum",
                                                   "exclusiveMinimum",
                                                   "maxLength",
                                                   "minLength",
                                                   "pattern",
                                                   "maxItems",
                                                   "minItems",
                                                   "uniqueItems",
                                                   "multipleOf",
                                                   "enum",
                                                   "maxProperties",
                                                   "minProperties",
                                                   "required",
                                                   "items",
                                                   "allOf",
                                                   "oneOf",
                                                   "anyOf",
                                                   "not",
                                                   "properties",
                                                   "additionalProperties",
                                                   "patternProperties",
                                                   "dependencies",
                                                   "additionalItems",
                                                   "definitions",
                                                   "externalDocs",
                                                   "example",
                                                   "nullable",
                                                   "x-kubernetes-preserve-unknown-fields",
                                                   "x-kubernetes-embedded-resource",
                                                   "x-kubernetes-int-or-string",
                                                   "x-kubernetes-list-map-keys",
                                                   "x-kubernetes-list-type",
                                                   "x-kubernetes-map-type",
                                                   "x-kubernetes-validations"};
  for (std::string_view keyword : kKeywords) {
    if (keyword == name) return true;
  }
  return false;
}

bool IsZeroKeywordValue(const rapidjson::Value& value) {
  return value.IsNull() || value.IsFalse() || (value.IsString() && value.GetStringLength() == 0) ||
         (value.IsArray() && value.Empty());
}

bool IsResourceMetaField(std::string_view key) {
  return key == "apiVersion" || key == "kind" || key == "metadata";
}

std::string ChildPath(std::string_view path, std::string_view name) {
  return path.empty() ? std::string(name) : StrCat(path, ".", name);
}

std::string KeyPath(std::string_view path, std::string_view key) {
  return StrCat(path, "[", key, "]");
}

std::string IndexPath(std::string_view path, size_t index) { return StrCat(path, "[", index, "]"); }

}  // namespace kube::apiserver::crd_schema
