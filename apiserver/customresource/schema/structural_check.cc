#include "apiserver/customresource/schema/structural_check.h"

#include <algorithm>

#include "apiserver/customresource/schema/patterns.h"
#include "apiserver/customresource/schema/schema_node.h"
#include "common/util/strings.h"

namespace kube::apiserver::crd_schema {
namespace {

using rapidjson::Value;

enum class Level { kRoot, kItem, kField };

// ---- NewStructural's conversion errors ----

std::optional<std::string> UnsupportedField(const Value& schema) {
  auto present = [&](std::string_view name) {
    const Value* value = Keyword(schema, name);
    return value != nullptr && !IsZeroKeywordValue(*value) &&
           !(value->IsObject() && value->ObjectEmpty() && name != "dependencies");
  };
  if (!StringKeyword(schema, "id").empty()) return "OpenAPIV3Schema 'id' is not supported";
  if (!StringKeyword(schema, "$schema").empty()) {
    return "OpenAPIV3Schema 'schema' is not supported";
  }
  if (present("$ref")) return "OpenAPIV3Schema '$ref' is not supported";
  if (present("patternProperties")) return "OpenAPIV3Schema 'patternProperties' is not supported";
  if (present("dependencies")) return "OpenAPIV3Schema 'dependencies' is not supported";
  if (present("additionalItems")) return "OpenAPIV3Schema 'additionalItems' is not supported";
  if (present("definitions")) return "OpenAPIV3Schema 'definitions' is not supported";
  return std::nullopt;
}

// One node and what it holds, in NewStructural's order (nested junctors included).
std::optional<std::string> ConversionError(const Value& schema) {
  if (!schema.IsObject()) return std::nullopt;
  if (auto error = UnsupportedField(schema)) return error;
  if (const Value* negated = ObjectKeyword(schema, "not")) {
    if (auto error = ConversionError(*negated)) return error;
  }
  for (std::string_view junctor : {"allOf", "anyOf", "oneOf"}) {
    if (const Value* clauses = ArrayKeyword(schema, junctor)) {
      for (const Value& clause : clauses->GetArray()) {
        if (auto error = ConversionError(clause)) return error;
      }
    }
  }
  const Value* preserve = Keyword(schema, "x-kubernetes-preserve-unknown-fields");
  if (preserve != nullptr && preserve->IsFalse()) {
    return "internal error: 'x-kubernetes-preserve-unknown-fields' must be true or undefined";
  }
  if (const Value* items = Keyword(schema, "items")) {
    if (items->IsArray() && !items->Empty()) {
      return "OpenAPIV3Schema 'items' must be a schema, but is an array";
    }
    if (auto error = ConversionError(*items)) return error;
  }
  if (const Value* properties = ObjectKeyword(schema, "properties")) {
    for (const auto& property : properties->GetObject()) {
      if (auto error = ConversionError(property.value)) return error;
    }
  }
  if (const Value* additional = GetAdditionalProperties(schema).schema) {
    return ConversionError(*additional);
  }
  return std::nullopt;
}

// ---- ValidateStructural ----

class StructuralChecker {
 public:
  explicit StructuralChecker(api::FieldErrors* errors) : errors_(errors) {}

  void Invariants(const Value& schema, Level level, const std::string& path) {
    std::string_view type = Type(schema);
    const Value* items = ItemsSchema(schema);
    if (type == "array" && items == nullptr)
      Required(ChildPath(path, "items"), "must be specified");
    if (items != nullptr) Invariants(*items, Level::kItem, ChildPath(path, "items"));
    const Value* properties = ObjectKeyword(schema, "properties");
    if (properties != nullptr) {
      for (const auto& property : properties->GetObject()) {
        if (!property.value.IsObject()) continue;
        Invariants(property.value, Level::kField,
                   KeyPath(ChildPath(path, "properties"), ToView(property.name)));
      }
    }
    AdditionalProperties additional = GetAdditionalProperties(schema);
    if (additional.present) {
      if (level == Level::kRoot) {
        Forbidden(ChildPath(path, "additionalProperties"), "must not be used at the root");
      }
      if (additional.schema != nullptr) {
        Invariants(*additional.schema, Level::kField, ChildPath(path, "additionalProperties"));
      }
    }
    bool int_or_string = IntOrString(schema);
    bool preserve = PreservesUnknownFields(schema);
    bool embedded = EmbeddedResource(schema);
    if (int_or_string && preserve) {
      Invalid(ChildPath(path, "x-kubernetes-preserve-unknown-fields"), "true",
              "must be false if x-kubernetes-int-or-string is true");
    }
    if (int_or_string && embedded) {
      Invalid(ChildPath(path, "x-kubernetes-embedded-resource"), "true",
              "must be false if x-kubernetes-int-or-string is true");
    }
    ValueValidation(schema, IsIntOrStringAnyOf(ArrayKeyword(schema, "anyOf")),
                    IsIntOrStringAllOf(schema), path);

    bool check_metadata = level == Level::kRoot || embedded;
    std::string type_path = ChildPath(path, "type");
    if (embedded && type != "object") {
      if (type.empty()) {
        Required(type_path, "must be object if x-kubernetes-embedded-resource is true");
      } else {
        Invalid(type_path, api::QuoteValue(type),
                "must be object if x-kubernetes-embedded-resource is true");
      }
    } else if (type.empty() && !int_or_string && !preserve) {
      Required(type_path, level == Level::kRoot ? "must not be empty at the root"
                          : level == Level::kItem
                              ? "must not be empty for specified array items"
                              : "must not be empty for specified object fields");
    }
    if (embedded && additional.present) {
      Forbidden(ChildPath(path, "additionalProperties"),
                "must not be used if x-kubernetes-embedded-resource is set");
    }
    if (level == Level::kRoot && !type.empty() && type != "object") {
      Invalid(type_path, api::QuoteValue(type), "must be object at the root");
    }
    std::string properties_path = ChildPath(path, "properties");
    for (std::string_view name : {"kind", "apiVersion"}) {
      const Value* property = PropertySchema(schema, name);
      if (property != nullptr && check_metadata && Type(*property) != "string") {
        Invalid(ChildPath(KeyPath(properties_path, name), "type"), api::QuoteValue(Type(*property)),
                "must be string");
      }
    }
    if (const Value* metadata = PropertySchema(schema, "metadata")) {
      MetadataInvariants(*metadata, check_metadata, level, KeyPath(properties_path, "metadata"));
    }
    if (embedded && !preserve && (properties == nullptr || properties->ObjectEmpty())) {
      Required(properties_path,
               "must not be empty if x-kubernetes-embedded-resource is true without "
               "x-kubernetes-preserve-unknown-fields");
    }
  }

  // Completeness, checked from the root's junctors (as upstream does): what a junctor
  // specifies under properties/items must be specified structurally too.
  void Completeness(const Value& schema, const std::string& path) {
    JunctorCompleteness(schema, &schema, path, path);
  }

 private:
  void MetadataInvariants(const Value& metadata, bool check_metadata, Level level,
                          const std::string& path) {
    if (check_metadata && Type(metadata) != "object") {
      Invalid(ChildPath(path, "type"), api::QuoteValue(Type(metadata)), "must be object");
    }
    if (level != Level::kRoot) return;
    bool restricts_more = false;
    for (const auto& member : metadata.GetObject()) {
      std::string_view key = ToView(member.name);
      if (key == "type" || key == "default" || !IsSchemaKeyword(key)) continue;
      if (key == "properties" && member.value.IsObject()) {
        size_t names = 0;
        for (const auto& property : member.value.GetObject()) {
          std::string_view name = ToView(property.name);
          if (name == "name" || name == "generateName") ++names;
        }
        if (names == member.value.MemberCount()) continue;  // only name/generateName, or none
      }
      if (!IsZeroKeywordValue(member.value)) restricts_more = true;
    }
    if (restricts_more) {
      Forbidden(path,
                "must not specify anything other than name and generateName, but metadata is "
                "implicitly specified");
    }
  }

  // `anyOf: [{type: integer}, {type: string}]` exactly, x-kubernetes-int-or-string's form.
  static bool IsIntOrStringAnyOf(const Value* any_of) {
    if (any_of == nullptr || any_of->Size() != 2) return false;
    const char* types[] = {"integer", "string"};
    for (rapidjson::SizeType i = 0; i < 2; ++i) {
      const Value& clause = (*any_of)[i];
      if (!clause.IsObject() || Type(clause) != types[i]) return false;
      for (const auto& member : clause.GetObject()) {
        if (ToView(member.name) != "type" && IsSchemaKeyword(ToView(member.name)) &&
            !IsZeroKeywordValue(member.value)) {
          return false;
        }
      }
    }
    return true;
  }
  static bool IsIntOrStringAllOf(const Value& schema) {
    const Value* all_of = ArrayKeyword(schema, "allOf");
    return all_of != nullptr && !all_of->Empty() &&
           IsIntOrStringAnyOf(ArrayKeyword((*all_of)[0], "anyOf"));
  }

  void ValueValidation(const Value& schema, bool skip_any_of, bool skip_first_all_of_any_of,
                       const std::string& path) {
    if (!skip_any_of) Junctor(schema, "anyOf", -1, path);
    Junctor(schema, "allOf", skip_first_all_of_any_of ? 0 : -1, path);
    Junctor(schema, "oneOf", -1, path);
    if (const Value* negated = ObjectKeyword(schema, "not")) {
      Nested(*negated, false, ChildPath(path, "not"));
    }
    std::string_view pattern = StringKeyword(schema, "pattern");
    if (!pattern.empty()) {
      std::string error = PatternError(pattern);
      if (!error.empty()) {
        Invalid(ChildPath(path, "pattern"), api::QuoteValue(pattern),
                StrCat("must be a valid regular expression, but isn't: ", error));
      }
    }
  }

  // Each clause of a junctor; `skip_any_of_index` names the clause whose anyOf is the
  // int-or-string form.
  void Junctor(const Value& schema, std::string_view junctor, int skip_any_of_index,
               const std::string& path) {
    const Value* clauses = ArrayKeyword(schema, junctor);
    if (clauses == nullptr) return;
    for (rapidjson::SizeType i = 0; i < clauses->Size(); ++i) {
      if (!(*clauses)[i].IsObject()) continue;
      Nested((*clauses)[i], static_cast<int>(i) == skip_any_of_index,
             IndexPath(ChildPath(path, junctor), i));
    }
  }

  // A schema inside a junctor: value validations only.
  void Nested(const Value& schema, bool skip_any_of, const std::string& path) {
    ValueValidation(schema, skip_any_of, false, path);
    if (const Value* items = ItemsSchema(schema)) Nested(*items, false, ChildPath(path, "items"));
    if (const Value* properties = ObjectKeyword(schema, "properties")) {
      for (const auto& property : properties->GetObject()) {
        if (!property.value.IsObject()) continue;
        Nested(property.value, false,
               KeyPath(ChildPath(path, "properties"), ToView(property.name)));
      }
    }
    auto forbid = [&](std::string_view keyword, bool present, std::string_view detail) {
      if (present) Forbidden(ChildPath(path, keyword), std::string(detail));
    };
    AdditionalProperties additional = GetAdditionalProperties(schema);
    forbid("type", !Type(schema).empty(), "must be empty to be structural");
    forbid("additionalProperties", additional.present && (additional.schema || additional.allows),
           "must be undefined to be structural");
    forbid("default", DefaultValue(schema) != nullptr, "must be undefined to be structural");
    forbid("title", !StringKeyword(schema, "title").empty(), "must be empty to be structural");
    forbid("description", !StringKeyword(schema, "description").empty(),
           "must be empty to be structural");
    forbid("nullable", Nullable(schema), "must be false to be structural");
    forbid("externalDocs", ObjectKeyword(schema, "externalDocs") != nullptr,
           "must be undefined to be structural");
    forbid("x-kubernetes-preserve-unknown-fields", PreservesUnknownFields(schema),
           "must be false to be structural");
    forbid("x-kubernetes-embedded-resource", EmbeddedResource(schema),
           "must be false to be structural");
    forbid("x-kubernetes-int-or-string", IntOrString(schema), "must be false to be structural");
    const Value* map_keys = ArrayKeyword(schema, "x-kubernetes-list-map-keys");
    forbid("x-kubernetes-list-map-keys", map_keys != nullptr && !map_keys->Empty(),
           "must be empty to be structural");
    forbid("x-kubernetes-list-type",
           Keyword(schema, "x-kubernetes-list-type") != nullptr &&
               !Keyword(schema, "x-kubernetes-list-type")->IsNull(),
           "must be undefined to be structural");
    forbid("x-kubernetes-map-type",
           Keyword(schema, "x-kubernetes-map-type") != nullptr &&
               !Keyword(schema, "x-kubernetes-map-type")->IsNull(),
           "must be undefined to be structural");
    const Value* rules = ArrayKeyword(schema, "x-kubernetes-validations");
    forbid("x-kubernetes-validations", rules != nullptr && !rules->Empty(),
           "must be empty to be structural");
    if (PropertySchema(schema, "metadata") != nullptr) {
      Forbidden(KeyPath(ChildPath(path, "properties"), "metadata"),
                "must not be specified in a nested context");
    }
  }

  void JunctorCompleteness(const Value& clause, const Value* structural,
                           const std::string& structural_path, const std::string& clause_path) {
    if (const Value* negated = ObjectKeyword(clause, "not")) {
      NestedCompleteness(*negated, structural, structural_path, ChildPath(clause_path, "not"));
    }
    for (std::string_view junctor : {"allOf", "anyOf", "oneOf"}) {
      const Value* clauses = ArrayKeyword(clause, junctor);
      if (clauses == nullptr) continue;
      for (rapidjson::SizeType i = 0; i < clauses->Size(); ++i) {
        if (!(*clauses)[i].IsObject()) continue;
        NestedCompleteness((*clauses)[i], structural, structural_path,
                           IndexPath(ChildPath(clause_path, junctor), i));
      }
    }
  }

  void NestedCompleteness(const Value& clause, const Value* structural,
                          const std::string& structural_path, const std::string& clause_path) {
    if (structural == nullptr) {
      Required(structural_path, StrCat("because it is defined in ", clause_path));
      return;
    }
    JunctorCompleteness(clause, structural, structural_path, clause_path);
    if (const Value* items = ItemsSchema(clause)) {
      NestedCompleteness(*items, ItemsSchema(*structural), ChildPath(structural_path, "items"),
                         ChildPath(clause_path, "items"));
    }
    if (const Value* properties = ObjectKeyword(clause, "properties")) {
      for (const auto& property : properties->GetObject()) {
        if (!property.value.IsObject()) continue;
        std::string_view name = ToView(property.name);
        std::string structural_property = KeyPath(ChildPath(structural_path, "properties"), name);
        std::string clause_property = KeyPath(ChildPath(clause_path, "properties"), name);
        const Value* specified = PropertySchema(*structural, name);
        if (specified == nullptr) {
          Required(structural_property, StrCat("because it is defined in ", clause_property));
        } else {
          NestedCompleteness(property.value, specified, structural_property, clause_property);
        }
      }
    }
  }

  void Required(std::string path, std::string detail) {
    errors_->push_back(api::Required(std::move(path), std::move(detail)));
  }
  void Forbidden(std::string path, std::string detail) {
    errors_->push_back(api::Forbidden(std::move(path), std::move(detail)));
  }
  void Invalid(std::string path, std::string value, std::string detail) {
    errors_->push_back(
        {api::FieldError::Type::kInvalid, std::move(path), std::move(value), std::move(detail)});
  }

  api::FieldErrors* errors_;
};

}  // namespace

std::optional<std::string> StructuralConversionError(const rapidjson::Value& schema) {
  return ConversionError(schema);
}

api::FieldErrors CheckStructural(const rapidjson::Value& schema, std::string_view path) {
  api::FieldErrors errors;
  if (!schema.IsObject()) return errors;
  StructuralChecker checker(&errors);
  checker.Invariants(schema, Level::kRoot, std::string(path));
  checker.Completeness(schema, std::string(path));
  std::sort(errors.begin(), errors.end(), [](const api::FieldError& a, const api::FieldError& b) {
    return a.ToString() < b.ToString();
  });
  return errors;
}

}  // namespace kube::apiserver::crd_schema
