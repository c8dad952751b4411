#include "apiserver/customresource/schema/defaulting.h"

#include "apiserver/customresource/schema/schema_node.h"

namespace kube::apiserver::crd_schema {
namespace {

using rapidjson::Value;

// A null the schema does not allow: defaulting replaces it by the default (or null).
bool IsNonNullableNull(const Value& value, const Value* schema) {
  return value.IsNull() && schema != nullptr && !Nullable(*schema);
}

void ReplaceByDefault(Value& value, const Value& schema, Value::AllocatorType& allocator) {
  if (const Value* default_value = DefaultValue(schema)) value.CopyFrom(*default_value, allocator);
}

void Default(Value& value, const Value* schema, Value::AllocatorType& allocator) {
  if (schema == nullptr) return;
  if (value.IsObject()) {
    if (const Value* properties = ObjectKeyword(*schema, "properties")) {
      for (const auto& property : properties->GetObject()) {
        const Value* default_value = DefaultValue(property.value);
        if (default_value == nullptr) continue;
        auto it = value.FindMember(property.name);
        if (it == value.MemberEnd()) {
          value.AddMember(Value(property.name, allocator), Value(*default_value, allocator),
                          allocator);
        } else if (IsNonNullableNull(it->value, &property.value)) {
          it->value.CopyFrom(*default_value, allocator);
        }
      }
    }
    for (auto& member : value.GetObject()) {
      if (const Value* property = PropertySchema(*schema, ToView(member.name))) {
        Default(member.value, property, allocator);
      } else if (AdditionalProperties additional = GetAdditionalProperties(*schema);
                 additional.present) {
        if (IsNonNullableNull(member.value, additional.schema)) {
          ReplaceByDefault(member.value, *additional.schema, allocator);
        }
        Default(member.value, additional.schema, allocator);
      }
    }
  } else if (value.IsArray()) {
    const Value* items = ItemsSchema(*schema);
    for (auto& item : value.GetArray()) {
      if (IsNonNullableNull(item, items)) ReplaceByDefault(item, *items, allocator);
      Default(item, items, allocator);
    }
  }
}

}  // namespace

void ApplyDefaults(const rapidjson::Value& schema, rapidjson::Value& object,
                   rapidjson::Document::AllocatorType& allocator) {
  Default(object, &schema, allocator);
}

}  // namespace kube::apiserver::crd_schema
