#include "apiserver/openapi/structural_schema.h"

#include <array>
#include <string_view>

namespace kube::apiserver::openapi {
namespace {

// Keys whose values are kept whole: the structural schema's generic, value-validation
// and extension fields.
constexpr std::array<std::string_view, 28> kValueKeys = {"description",
                                                         "type",
                                                         "title",
                                                         "default",
                                                         "nullable",
                                                         "format",
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
                                                         "x-kubernetes-validations",
                                                         "x-kubernetes-list-map-keys",
                                                         "x-kubernetes-list-type",
                                                         "x-kubernetes-map-type",
                                                         "x-kubernetes-preserve-unknown-fields",
                                                         "x-kubernetes-embedded-resource",
                                                         "x-kubernetes-int-or-string"};

bool IsValueKey(std::string_view key) {
  for (std::string_view known : kValueKeys)
    if (key == known) return true;
  return false;
}

// Go leaves out false flags and empty strings (omitempty); not a default of "" or false.
bool Omitted(const Json& value) {
  return (value.is_bool() && !value.as_bool()) || (value.is_string() && value.as_string().empty());
}

// [{"type":"integer"},{"type":"string"}]
Json IntOrStringAnyOf() {
  Json any_of = Json::MakeArray();
  for (const char* type : {"integer", "string"}) {
    Json member;
    member["type"] = type;
    any_of.Append(std::move(member));
  }
  return any_of;
}

bool IsIntOrStringAnyOf(const Json* any_of) {
  return any_of != nullptr && *any_of == IntOrStringAnyOf();
}

// Unfold: an int-or-string node says so in anyOf unless it already does.
void UnfoldIntOrString(Json& schema) {
  const Json* flag = schema.Find("x-kubernetes-int-or-string");
  if (flag == nullptr || !flag->is_bool() || !flag->as_bool()) return;
  const Json* any_of = schema.Find("anyOf");
  if (IsIntOrStringAnyOf(any_of)) return;
  const Json* all_of = schema.Find("allOf");
  if (all_of != nullptr && all_of->is_array() && !all_of->items().empty() &&
      IsIntOrStringAnyOf(all_of->items().front().Find("anyOf"))) {
    return;
  }
  if (any_of == nullptr) {
    schema["anyOf"] = IntOrStringAnyOf();
    return;
  }
  Json member;
  member["anyOf"] = IntOrStringAnyOf();
  Json::Array members = {std::move(member)};
  if (all_of != nullptr && all_of->is_array()) {
    members.insert(members.end(), all_of->items().begin(), all_of->items().end());
  }
  schema["allOf"] = Json(std::move(members));
}

// `nested`: inside allOf/anyOf/oneOf/not, where upstream does not unfold.
Json Shape(const Json& raw, bool nested) {
  if (!raw.is_object()) return raw;
  Json out = Json::MakeObject();
  for (const auto& [key, value] : raw.members()) {
    if (key != "default" && Omitted(value)) continue;  // a default is a value
    if (IsValueKey(key)) {
      out[key] = value;
    } else if (key == "properties" && value.is_object()) {
      Json& properties = out[key];
      properties = Json::MakeObject();
      for (const auto& [name, property] : value.members())
        properties[name] = Shape(property, nested);
    } else if (key == "items" || key == "additionalProperties") {
      out[key] = value.is_object() ? Shape(value, nested) : value;
    } else if (key == "not") {
      out[key] = Shape(value, true);
    } else if ((key == "allOf" || key == "anyOf" || key == "oneOf") && value.is_array()) {
      Json& members = out[key];
      members = Json::MakeArray();
      for (const Json& member : value.items()) members.Append(Shape(member, true));
    }
  }
  if (!nested) UnfoldIntOrString(out);
  return out;
}

}  // namespace

Json StructuralSchema(const Json& raw) { return Shape(raw, false); }

}  // namespace kube::apiserver::openapi
