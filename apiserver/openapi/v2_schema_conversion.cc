#include "apiserver/openapi/v2_schema_conversion.h"

#include <string>
#include <string_view>
#include <vector>

namespace kube::apiserver::openapi {
namespace {

bool IsType(const Json& schema, std::string_view type) {
  const Json* value = schema.Find("type");
  return value != nullptr && value->is_string() && value->as_string() == type;
}

void RemoveRequired(Json& schema, std::string_view name) {
  auto it = schema.members().find("required");
  if (it == schema.members().end() || !it->second.is_array()) return;
  Json* required = &it->second;
  std::erase_if(required->items(),
                [name](const Json& item) { return item.is_string() && item.as_string() == name; });
  if (required->items().empty()) schema.members().erase("required");
}

void Convert(Json& schema) {
  if (!schema.is_object()) return;
  Json::Object& members = schema.members();
  for (const char* junctor : {"allOf", "anyOf", "oneOf", "not"}) members.erase(junctor);

  if (schema.IsTrue("nullable")) {
    for (const char* key : {"type", "nullable", "items", "properties"}) members.erase(key);
  }
  const bool preserve_unknown = schema.IsTrue("x-kubernetes-preserve-unknown-fields");
  if (preserve_unknown) {
    members.erase("items");
    members.erase("properties");
  }
  if (!members.contains("items") && IsType(schema, "array")) members.erase("type");
  if (preserve_unknown && IsType(schema, "object")) members.erase("type");

  if (auto properties = members.find("properties"); properties != members.end()) {
    std::vector<std::string> nullable;
    for (const auto& [name, property] : properties->second.members()) {
      if (property.IsTrue("nullable")) nullable.push_back(name);
    }
    for (const std::string& name : nullable) RemoveRequired(schema, name);
  }
  if (auto additional = members.find("additionalProperties");
      additional != members.end() && additional->second.IsTrue("nullable")) {
    members.erase("required");
  }

  if (auto items = members.find("items"); items != members.end()) Convert(items->second);
  if (auto properties = members.find("properties"); properties != members.end()) {
    for (auto& [name, property] : properties->second.members()) Convert(property);
  }
  if (auto additional = members.find("additionalProperties"); additional != members.end()) {
    Convert(additional->second);
  }
}

}  // namespace

Json ToV2Schema(Json schema) {
  Convert(schema);
  return schema;
}

}  // namespace kube::apiserver::openapi
