#include "apiserver/customresource/schema/default_check.h"

#include <string>

#include "apiserver/customresource/schema/go_text.h"
#include "apiserver/customresource/schema/json_compare.h"
#include "apiserver/customresource/schema/object_validation.h"
#include "apiserver/customresource/schema/pruning.h"
#include "apiserver/customresource/schema/schema_node.h"

namespace kube::apiserver::crd_schema {
namespace {

using rapidjson::Value;

void CheckNode(const Value& schema, const std::string& path, bool embedded, bool inside_meta,
               api::FieldErrors* errors) {
  if (!schema.IsObject()) return;
  if (embedded) inside_meta = false;
  if (const Value* default_value = DefaultValue(schema)) {
    std::string default_path = ChildPath(path, "default");
    if (!inside_meta) {
      rapidjson::Document pruned;
      pruned.CopyFrom(*default_value, pruned.GetAllocator());
      PruneValue(schema, pruned);
      if (!JsonEqual(pruned, *default_value)) {
        errors->push_back({api::FieldError::Type::kInvalid, default_path,
                           GoErrorValue(*default_value), "must not have unknown fields"});
      }
    }
    for (auto& error : ValidateAgainstSchema(schema, *default_value, default_path, nullptr,
                                             SchemaForm::kDefault)) {
      errors->push_back(std::move(error));
    }
  }
  if (const Value* items = ItemsSchema(schema)) {
    CheckNode(*items, ChildPath(path, "items"), EmbeddedResource(*items), inside_meta, errors);
  }
  if (const Value* properties = ObjectKeyword(schema, "properties")) {
    for (const auto& property : properties->GetObject()) {
      std::string_view name = ToView(property.name);
      bool property_inside_meta = inside_meta || (embedded && IsResourceMetaField(name));
      CheckNode(property.value, KeyPath(ChildPath(path, "properties"), name),
                property.value.IsObject() && EmbeddedResource(property.value), property_inside_meta,
                errors);
    }
  }
}

}  // namespace

api::FieldErrors CheckDefaults(const rapidjson::Value& schema, std::string_view path) {
  api::FieldErrors errors;
  // The root is a resource root: an embedded resource whatever the schema says.
  CheckNode(schema, std::string(path), /*embedded=*/true, /*inside_meta=*/false, &errors);
  return errors;
}

}  // namespace kube::apiserver::crd_schema
