#include "apiserver/customresource/schema/openapi_schema_check.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "apiserver/customresource/schema/go_text.h"
#include "apiserver/customresource/schema/schema_node.h"
#include "common/util/strings.h"

namespace kube::apiserver::crd_schema {
namespace {

using rapidjson::Value;

// What the walk knows about where a node sits (upstream's specStandardValidatorV3).
struct Context {
  bool allow_defaults = true;
  std::string disallow_defaults_reason;
  bool inside_resource_meta = false;

  Context WithForbiddenDefaults(std::string reason) const {
    Context copy = *this;
    copy.allow_defaults = false;
    copy.disallow_defaults_reason = std::move(reason);
    return copy;
  }
};

bool Present(const Value& schema, std::string_view keyword) {
  const Value* value = Keyword(schema, keyword);
  return value != nullptr && !value->IsNull();
}

bool HasNewlines(std::string_view text) {
  return text.find_first_of("\r\n") != std::string_view::npos;
}

std::string_view Trim(std::string_view text) {
  absl::string_view stripped =
      absl::StripAsciiWhitespace(absl::string_view(text.data(), text.size()));
  return {stripped.data(), stripped.size()};
}

// %#v of a []string, as field.Error prints one.
std::string GoStringSlice(const Value& strings) {
  std::vector<std::string> quoted;
  for (const Value& item : strings.GetArray()) {
    quoted.push_back(item.IsString() ? api::QuoteValue(ToView(item)) : GoErrorValue(item));
  }
  return StrCat("[]string{", StrJoin(quoted, ", "), "}");
}

class OpenApiChecker {
 public:
  explicit OpenApiChecker(api::FieldErrors* errors) : errors_(errors) {}

  void Check(const Value& schema, const std::string& path, const Context& context, bool is_root) {
    if (!schema.IsObject()) return;
    Standard(schema, path, context);
    if (IsTrue(schema, "uniqueItems")) {
      Forbidden(ChildPath(path, "uniqueItems"),
                "uniqueItems cannot be set to true since the runtime complexity becomes quadratic");
    }
    const Value* properties = ObjectKeyword(schema, "properties");
    bool has_properties = properties != nullptr && !properties->ObjectEmpty();
    AdditionalProperties additional = GetAdditionalProperties(schema);
    if (additional.present) {
      if (has_properties && (!additional.allows || additional.schema != nullptr)) {
        Forbidden(ChildPath(path, "additionalProperties"),
                  "additionalProperties and properties are mutual exclusive");
      }
      if (additional.schema != nullptr) {
        Context sub = context.inside_resource_meta
                          ? context.WithForbiddenDefaults(
                                "inside additionalProperties applying to object metadata")
                          : context;
        Check(*additional.schema, ChildPath(path, "additionalProperties"), sub, false);
      }
    }
    if (has_properties) {
      for (const auto& property : properties->GetObject()) {
        std::string_view name = ToView(property.name);
        Context sub = context;
        if ((is_root || EmbeddedResource(schema)) && IsResourceMetaField(name)) {
          sub.inside_resource_meta = true;
          if (is_root) sub = sub.WithForbiddenDefaults(StrCat("in top-level ", name));
        }
        Check(property.value, KeyPath(ChildPath(path, "properties"), name), sub, false);
      }
    }
    if (const Value* negated = ObjectKeyword(schema, "not")) {
      Check(*negated, ChildPath(path, "not"), context, false);
    }
    for (std::string_view junctor : {"allOf", "oneOf", "anyOf"}) {
      if (const Value* clauses = ArrayKeyword(schema, junctor)) {
        for (rapidjson::SizeType i = 0; i < clauses->Size(); ++i) {
          Check((*clauses)[i], IndexPath(ChildPath(path, junctor), i), context, false);
        }
      }
    }
    if (const Value* definitions = ObjectKeyword(schema, "definitions")) {
      for (const auto& definition : definitions->GetObject()) {
        Check(definition.value, KeyPath(ChildPath(path, "definitions"), ToView(definition.name)),
              context, false);
      }
    }
    if (const Value* items = Keyword(schema, "items")) {
      if (items->IsObject()) Check(*items, ChildPath(path, "items"), context, false);
      if (items->IsArray()) {
        for (rapidjson::SizeType i = 0; i < items->Size(); ++i) {
          Check((*items)[i], IndexPath(ChildPath(path, "items"), i), context, false);
        }
      }
    }
    if (const Value* dependencies = ObjectKeyword(schema, "dependencies")) {
      for (const auto& dependency : dependencies->GetObject()) {
        Check(dependency.value, KeyPath(ChildPath(path, "dependencies"), ToView(dependency.name)),
              context, false);
      }
    }
    const Value* preserve = Keyword(schema, "x-kubernetes-preserve-unknown-fields");
    if (preserve != nullptr && preserve->IsFalse()) {
      Invalid(ChildPath(path, "x-kubernetes-preserve-unknown-fields"), "false",
              "must be true or undefined");
    }
    ListAndMapTypes(schema, path);
    Validations(schema, path);
  }

 private:
  void Standard(const Value& schema, const std::string& path, const Context& context) {
    static const std::vector<std::string> kTypes = {"array",  "boolean", "integer",
                                                    "number", "object",  "string"};
    std::string_view type = Type(schema);
    if (!type.empty() && std::find(kTypes.begin(), kTypes.end(), type) == kTypes.end()) {
      errors_->push_back(api::NotSupported(ChildPath(path, "type"), type, kTypes));
    }
    if (Present(schema, "default") && !context.allow_defaults) {
      std::string detail = "must not be set";
      if (!context.disallow_defaults_reason.empty()) {
        StrAppend(&detail, " ", context.disallow_defaults_reason);
      }
      Forbidden(ChildPath(path, "default"), detail);
    }
    if (!StringKeyword(schema, "id").empty())
      Forbidden(ChildPath(path, "id"), "id is not supported");
    if (Present(schema, "additionalItems")) {
      Forbidden(ChildPath(path, "additionalItems"), "additionalItems is not supported");
    }
    const Value* pattern_properties = ObjectKeyword(schema, "patternProperties");
    if (pattern_properties != nullptr && !pattern_properties->ObjectEmpty()) {
      Forbidden(ChildPath(path, "patternProperties"), "patternProperties is not supported");
    }
    const Value* definitions = ObjectKeyword(schema, "definitions");
    if (definitions != nullptr && !definitions->ObjectEmpty()) {
      Forbidden(ChildPath(path, "definitions"), "definitions is not supported");
    }
    if (Present(schema, "dependencies")) {
      Forbidden(ChildPath(path, "dependencies"), "dependencies is not supported");
    }
    if (Present(schema, "$ref")) Forbidden(ChildPath(path, "$ref"), "$ref is not supported");
    if (type == "null") {
      Forbidden(ChildPath(path, "type"),
                "type cannot be set to null, use nullable as an alternative");
    }
    const Value* items = Keyword(schema, "items");
    if (items != nullptr && items->IsArray() && !items->Empty()) {
      Forbidden(ChildPath(path, "items"), "items must be a schema object and not an array");
    }
    if (context.inside_resource_meta && EmbeddedResource(schema)) {
      Forbidden(ChildPath(path, "x-kubernetes-embedded-resource"),
                "must not be used inside of resource meta");
    }
  }

  void ListAndMapTypes(const Value& schema, const std::string& path) {
    std::string_view type = Type(schema);
    std::string type_path = ChildPath(path, "type");
    const Value* map_type = Keyword(schema, "x-kubernetes-map-type");
    if (map_type != nullptr && map_type->IsNull()) map_type = nullptr;
    if (map_type != nullptr && type != "object") {
      if (type.empty()) {
        Required(type_path, "must be object if x-kubernetes-map-type is specified");
      } else {
        Invalid(type_path, api::QuoteValue(type),
                "must be object if x-kubernetes-map-type is specified");
      }
    }
    if (map_type != nullptr && map_type->IsString() && ToView(*map_type) != "atomic" &&
        ToView(*map_type) != "granular") {
      errors_->push_back(api::NotSupported(ChildPath(path, "x-kubernetes-map-type"),
                                           ToView(*map_type), {"atomic", "granular"}));
    }

    const Value* list_type_value = Keyword(schema, "x-kubernetes-list-type");
    bool has_list_type = list_type_value != nullptr && list_type_value->IsString();
    std::string_view list_type = has_list_type ? ToView(*list_type_value) : "";
    const Value* items = ItemsSchema(schema);
    if (has_list_type && type != "array") {
      if (type.empty()) {
        Required(type_path, "must be array if x-kubernetes-list-type is specified");
      } else {
        Invalid(type_path, api::QuoteValue(type),
                "must be array if x-kubernetes-list-type is specified");
      }
    } else if (list_type == "set" && items != nullptr) {
      std::string_view item_type = Type(*items);
      const Value* item_list_type = Keyword(*items, "x-kubernetes-list-type");
      bool item_has_list_type = item_list_type != nullptr && item_list_type->IsString();
      std::string item_list_type_value =
          item_has_list_type ? api::QuoteValue(ToView(*item_list_type)) : "null";
      std::string detail = "must be atomic as item of a list with x-kubernetes-list-type=set";
      if (item_type == "array" && item_has_list_type && ToView(*item_list_type) != "atomic") {
        Invalid(ChildPath(ChildPath(path, "items"), "x-kubernetes-list-type"), item_list_type_value,
                detail);
      } else if (item_type == "object" &&
                 StringKeyword(*items, "x-kubernetes-map-type") != "atomic") {
        // Upstream prints the item's list type here, whatever its map type.
        Invalid(ChildPath(ChildPath(path, "items"), "x-kubernetes-map-type"), item_list_type_value,
                detail);
      }
    }
    if (has_list_type && list_type != "atomic" && list_type != "set" && list_type != "map") {
      errors_->push_back(api::NotSupported(ChildPath(path, "x-kubernetes-list-type"), list_type,
                                           {"atomic", "set", "map"}));
    }
    const Value* map_keys = ArrayKeyword(schema, "x-kubernetes-list-map-keys");
    bool has_map_keys = map_keys != nullptr && !map_keys->Empty();
    if (has_map_keys) {
      if (!has_list_type) {
        Required(ChildPath(path, "x-kubernetes-list-type"),
                 "must be map if x-kubernetes-list-map-keys is non-empty");
      } else if (list_type != "map") {
        Invalid(ChildPath(path, "x-kubernetes-list-type"), api::QuoteValue(list_type),
                "must be map if x-kubernetes-list-map-keys is non-empty");
      }
    }
    if (list_type == "map") ListMap(schema, path, items, map_keys);
    if (items != nullptr && (list_type == "set" || list_type == "map")) {
      MapListKeysMapSet(schema, path, *items, list_type, map_keys);
    }
  }

  void ListMap(const Value& schema, const std::string& path, const Value* items,
               const Value* map_keys) {
    std::string keys_path = ChildPath(path, "x-kubernetes-list-map-keys");
    std::string items_path = ChildPath(path, "items");
    if (map_keys == nullptr || map_keys->Empty()) {
      Required(keys_path, "must not be empty if x-kubernetes-list-type is map");
    }
    const Value* raw_items = Keyword(schema, "items");
    if (raw_items == nullptr || raw_items->IsNull()) {
      Required(items_path, "must have a schema if x-kubernetes-list-type is map");
    } else if (items == nullptr) {
      Invalid(items_path, GoErrorValue(*raw_items),
              "must only have a single schema if x-kubernetes-list-type is map");
    }
    if (items == nullptr) return;
    std::string_view item_type = Type(*items);
    if (item_type != "object") {
      Invalid(ChildPath(items_path, "type"), api::QuoteValue(item_type),
              "must be object if parent array's x-kubernetes-list-type is map");
      return;
    }
    if (map_keys == nullptr) return;
    std::set<std::string_view> seen;
    for (const Value& key : map_keys->GetArray()) {
      std::string_view name = key.IsString() ? ToView(key) : "";
      if (const Value* property = PropertySchema(*items, name)) {
        std::string_view property_type = Type(*property);
        if (property_type == "array" || property_type == "object") {
          // Upstream prints the item's type ("object") as the value.
          Invalid(ChildPath(KeyPath(ChildPath(items_path, "properties"), name), "type"),
                  api::QuoteValue(item_type),
                  "must be a scalar type if parent array's x-kubernetes-list-type is map");
        }
      } else {
        Invalid(keys_path, GoStringSlice(*map_keys),
                "entries must all be names of item properties");
      }
      if (!seen.insert(name).second) {
        Invalid(keys_path, GoStringSlice(*map_keys), "must not contain duplicate entries");
      }
    }
  }

  void MapListKeysMapSet(const Value& schema, const std::string& path, const Value& items,
                         std::string_view list_type, const Value* map_keys) {
    std::string items_path = ChildPath(path, "items");
    if (Nullable(items)) {
      Forbidden(ChildPath(items_path, "nullable"),
                StrCat("cannot be nullable when x-kubernetes-list-type is ", list_type));
    }
    if (list_type != "map" || map_keys == nullptr) return;
    const Value* required = ArrayKeyword(items, "required");
    for (const Value& key : map_keys->GetArray()) {
      if (!key.IsString()) continue;
      const Value* property = PropertySchema(items, ToView(key));
      if (property == nullptr) continue;
      bool is_required = false;
      if (required != nullptr) {
        for (const Value& name : required->GetArray()) {
          if (name.IsString() && ToView(name) == ToView(key)) is_required = true;
        }
      }
      std::string property_path = KeyPath(ChildPath(items_path, "properties"), ToView(key));
      if (!is_required && !Present(*property, "default")) {
        Required(ChildPath(property_path, "default"),
                 "this property is in x-kubernetes-list-map-keys, so it must have a default or be "
                 "a required property");
      }
      if (Nullable(*property)) {
        Forbidden(ChildPath(property_path, "nullable"),
                  "this property is in x-kubernetes-list-map-keys, so it cannot be nullable");
      }
    }
  }

  void Validations(const Value& schema, const std::string& path) {
    const Value* rules = ArrayKeyword(schema, "x-kubernetes-validations");
    if (rules == nullptr) return;
    static const std::vector<std::string> kReasons = {"FieldValueDuplicate", "FieldValueForbidden",
                                                      "FieldValueInvalid", "FieldValueRequired"};
    for (rapidjson::SizeType i = 0; i < rules->Size(); ++i) {
      const Value& rule = (*rules)[i];
      std::string rule_path = IndexPath(ChildPath(path, "x-kubernetes-validations"), i);
      std::string_view text = StringKeyword(rule, "rule");
      std::string_view message = StringKeyword(rule, "message");
      std::string_view message_expression = StringKeyword(rule, "messageExpression");
      std::string_view trimmed_rule = Trim(text), trimmed_message = Trim(message);
      if (trimmed_rule.empty()) {
        Required(ChildPath(rule_path, "rule"), "rule is not specified");
      } else if (!message.empty() && trimmed_message.empty()) {
        Invalid(ChildPath(rule_path, "message"), api::QuoteValue(message),
                "must be non-empty if specified");
      } else if (HasNewlines(trimmed_message)) {
        Invalid(ChildPath(rule_path, "message"), api::QuoteValue(message),
                "must not contain line breaks");
      } else if (HasNewlines(trimmed_rule) && trimmed_message.empty()) {
        Required(ChildPath(rule_path, "message"),
                 "message must be specified if rule contains line breaks");
      }
      if (!message_expression.empty() && Trim(message_expression).empty()) {
        Required(ChildPath(rule_path, "messageExpression"),
                 "messageExpression must be non-empty if specified");
      }
      const Value* reason = Keyword(rule, "reason");
      if (reason != nullptr && reason->IsString() &&
          std::find(kReasons.begin(), kReasons.end(), ToView(*reason)) == kReasons.end()) {
        errors_->push_back(
            api::NotSupported(ChildPath(rule_path, "reason"), ToView(*reason), kReasons));
      }
      std::string_view field_path = StringKeyword(rule, "fieldPath");
      if (!field_path.empty() && Trim(field_path).empty()) {
        Invalid(ChildPath(rule_path, "fieldPath"), api::QuoteValue(field_path),
                "must be non-empty if specified");
      }
      if (HasNewlines(field_path)) {
        Invalid(ChildPath(rule_path, "fieldPath"), api::QuoteValue(field_path),
                "must not contain line breaks");
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

api::FieldErrors CheckOpenApiSchema(const rapidjson::Value& schema, std::string_view path) {
  api::FieldErrors errors;
  OpenApiChecker(&errors).Check(schema, std::string(path), Context{}, /*is_root=*/true);
  return errors;
}

}  // namespace kube::apiserver::crd_schema
