#include "apiserver/customresource/schema/schema_shape.h"

#include "apiserver/customresource/schema/schema_node.h"
#include "common/codec/json_text.h"
#include "common/util/strings.h"

namespace kube::apiserver::crd_schema {
namespace {

using rapidjson::Value;

// How JSONSchemaProps decodes each keyword.
enum class Shape {
  kString,
  kNumber,
  kInteger,
  kBool,
  kAny,
  kStrings,
  kArray,
  kSchemas,
  kSchema,
  kSchemaMap,
  kSchemaOrBool,
  kSchemaOrArray,
  kDependencies,
  kObject,
  kRules
};

Shape ShapeOf(std::string_view keyword) {
  static constexpr std::pair<std::string_view, Shape> kShapes[] = {
      {"id", Shape::kString},
      {"$schema", Shape::kString},
      {"$ref", Shape::kString},
      {"description", Shape::kString},
      {"type", Shape::kString},
      {"format", Shape::kString},
      {"title", Shape::kString},
      {"pattern", Shape::kString},
      {"x-kubernetes-list-type", Shape::kString},
      {"x-kubernetes-map-type", Shape::kString},
      {"maximum", Shape::kNumber},
      {"minimum", Shape::kNumber},
      {"multipleOf", Shape::kNumber},
      {"maxLength", Shape::kInteger},
      {"minLength", Shape::kInteger},
      {"maxItems", Shape::kInteger},
      {"minItems", Shape::kInteger},
      {"maxProperties", Shape::kInteger},
      {"minProperties", Shape::kInteger},
      {"exclusiveMaximum", Shape::kBool},
      {"exclusiveMinimum", Shape::kBool},
      {"uniqueItems", Shape::kBool},
      {"nullable", Shape::kBool},
      {"x-kubernetes-preserve-unknown-fields", Shape::kBool},
      {"x-kubernetes-embedded-resource", Shape::kBool},
      {"x-kubernetes-int-or-string", Shape::kBool},
      {"default", Shape::kAny},
      {"example", Shape::kAny},
      {"enum", Shape::kArray},
      {"required", Shape::kStrings},
      {"x-kubernetes-list-map-keys", Shape::kStrings},
      {"allOf", Shape::kSchemas},
      {"oneOf", Shape::kSchemas},
      {"anyOf", Shape::kSchemas},
      {"not", Shape::kSchema},
      {"properties", Shape::kSchemaMap},
      {"patternProperties", Shape::kSchemaMap},
      {"definitions", Shape::kSchemaMap},
      {"additionalProperties", Shape::kSchemaOrBool},
      {"additionalItems", Shape::kSchemaOrBool},
      {"items", Shape::kSchemaOrArray},
      {"dependencies", Shape::kDependencies},
      {"externalDocs", Shape::kObject},
      {"x-kubernetes-validations", Shape::kRules}};
  for (const auto& [name, shape] : kShapes) {
    if (name == keyword) return shape;
  }
  return Shape::kAny;
}

// encoding/json's name for a JSON value's kind in unmarshal errors.
std::string_view GoJsonKind(const Value& value) {
  if (value.IsNumber()) return "number";
  if (value.IsBool()) return "bool";
  return codec::JsonTypeName(value);
}

absl::Status Mismatch(const Value& value, std::string_view path, std::string_view go_type) {
  return absl::InvalidArgumentError(StrCat("json: cannot unmarshal ", GoJsonKind(value),
                                           " into Go struct field JSONSchemaProps.", path,
                                           " of type ", go_type));
}

// Child paths as the strict decoder writes them: map keys and fields after ".".
std::string Dot(std::string_view path, std::string_view name) { return StrCat(path, ".", name); }

absl::Status CheckShape(const Value& schema, const std::string& path);

absl::Status CheckSchemaArray(const Value& value, const std::string& path) {
  for (rapidjson::SizeType i = 0; i < value.Size(); ++i) {
    if (auto status = CheckShape(value[i], IndexPath(path, i)); !status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::Status CheckKeyword(std::string_view keyword, const Value& value, const std::string& path) {
  if (value.IsNull()) return absl::OkStatus();  // null decodes to the zero value
  switch (ShapeOf(keyword)) {
    case Shape::kString:
      return value.IsString() ? absl::OkStatus() : Mismatch(value, path, "string");
    case Shape::kNumber:
      return value.IsNumber() ? absl::OkStatus() : Mismatch(value, path, "float64");
    case Shape::kInteger:
      if (value.IsInt64()) return absl::OkStatus();
      if (value.IsNumber()) {
        return absl::InvalidArgumentError(
            StrCat("json: cannot unmarshal number ", codec::WriteJson(value),
                   " into Go struct field JSONSchemaProps.", path, " of type int64"));
      }
      return Mismatch(value, path, "int64");
    case Shape::kBool:
      return value.IsBool() ? absl::OkStatus() : Mismatch(value, path, "bool");
    case Shape::kAny:
      return absl::OkStatus();
    case Shape::kArray:
      return value.IsArray() ? absl::OkStatus() : Mismatch(value, path, "[]v1.JSON");
    case Shape::kStrings:
      if (!value.IsArray()) return Mismatch(value, path, "[]string");
      for (const Value& item : value.GetArray()) {
        if (!item.IsString() && !item.IsNull()) return Mismatch(item, path, "string");
      }
      return absl::OkStatus();
    case Shape::kSchemas:
      if (!value.IsArray()) return Mismatch(value, path, "[]v1.JSONSchemaProps");
      return CheckSchemaArray(value, path);
    case Shape::kSchema:
      return CheckShape(value, path);
    case Shape::kSchemaMap:
      if (!value.IsObject()) return Mismatch(value, path, "map[string]v1.JSONSchemaProps");
      for (const auto& member : value.GetObject()) {
        if (auto status = CheckShape(member.value, Dot(path, ToView(member.name))); !status.ok()) {
          return status;
        }
      }
      return absl::OkStatus();
    case Shape::kSchemaOrBool:
      if (value.IsBool()) return absl::OkStatus();
      return CheckShape(value, path);
    case Shape::kSchemaOrArray:
      if (value.IsArray()) return CheckSchemaArray(value, path);
      return CheckShape(value, path);
    case Shape::kDependencies:
      if (!value.IsObject()) return Mismatch(value, path, "v1.JSONSchemaDependencies");
      for (const auto& member : value.GetObject()) {
        if (member.value.IsArray()) continue;
        if (auto status = CheckShape(member.value, Dot(path, ToView(member.name))); !status.ok()) {
          return status;
        }
      }
      return absl::OkStatus();
    case Shape::kObject:
      return value.IsObject() ? absl::OkStatus()
                              : Mismatch(value, path, "v1.ExternalDocumentation");
    case Shape::kRules:
      if (!value.IsArray()) return Mismatch(value, path, "v1.ValidationRules");
      for (const Value& rule : value.GetArray()) {
        if (!rule.IsObject() && !rule.IsNull()) return Mismatch(rule, path, "v1.ValidationRule");
      }
      return absl::OkStatus();
  }
  return absl::OkStatus();
}

absl::Status CheckShape(const Value& schema, const std::string& path) {
  if (schema.IsNull()) return absl::OkStatus();
  if (!schema.IsObject()) return Mismatch(schema, path, "v1.JSONSchemaProps");
  for (const auto& member : schema.GetObject()) {
    std::string_view keyword = ToView(member.name);
    if (!IsSchemaKeyword(keyword)) continue;
    if (auto status = CheckKeyword(keyword, member.value, Dot(path, keyword)); !status.ok()) {
      return status;
    }
  }
  return absl::OkStatus();
}

void DropNode(Value& schema, const std::string& path, std::vector<std::string>* dropped);

void DropEach(Value& value, const std::string& path, bool indexed,
              std::vector<std::string>* dropped) {
  if (value.IsArray()) {
    for (rapidjson::SizeType i = 0; i < value.Size(); ++i) {
      DropNode(value[i], IndexPath(path, i), dropped);
    }
  } else if (value.IsObject() && !indexed) {
    for (auto& member : value.GetObject()) {
      DropNode(member.value, Dot(path, ToView(member.name)), dropped);
    }
  }
}

void DropNode(Value& schema, const std::string& path, std::vector<std::string>* dropped) {
  if (!schema.IsObject()) return;
  for (auto it = schema.MemberBegin(); it != schema.MemberEnd();) {
    std::string_view keyword = ToView(it->name);
    if (!IsSchemaKeyword(keyword)) {
      if (dropped != nullptr) dropped->push_back(Dot(path, keyword));
      it = schema.EraseMember(it);
      continue;
    }
    std::string child = Dot(path, keyword);
    switch (ShapeOf(keyword)) {
      case Shape::kSchemas:
        DropEach(it->value, child, /*indexed=*/true, dropped);
        break;
      case Shape::kSchema:
      case Shape::kSchemaOrBool:
        DropNode(it->value, child, dropped);
        break;
      case Shape::kSchemaOrArray:
        if (it->value.IsArray()) {
          DropEach(it->value, child, /*indexed=*/true, dropped);
        } else {
          DropNode(it->value, child, dropped);
        }
        break;
      case Shape::kSchemaMap:
      case Shape::kDependencies:
        DropEach(it->value, child, /*indexed=*/false, dropped);
        break;
      default:
        break;
    }
    ++it;
  }
}

}  // namespace

absl::Status CheckSchemaShape(const rapidjson::Value& schema, std::string_view path) {
  return CheckShape(schema, std::string(path));
}

void DropUnknownSchemaFields(rapidjson::Value& schema, std::string_view path,
                             std::vector<std::string>* dropped) {
  DropNode(schema, std::string(path), dropped);
}

}  // namespace kube::apiserver::crd_schema
