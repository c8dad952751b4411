#include "apiserver/openapi/schema_builder.h"

#include <optional>

#include "k8s/options.pb.h"

namespace kube::apiserver::openapi {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

k8s::JsonForm FormOf(const Descriptor* message) {
  return message->options().GetExtension(k8s::json_form);
}

Json TypeSchema(const char* type, const char* format = nullptr) {
  Json schema;
  schema["type"] = type;
  if (format != nullptr) schema["format"] = format;
  return schema;
}

Json OneOf(std::initializer_list<const char*> types) {
  Json one_of = Json::MakeArray();
  for (const char* type : types) one_of.Append(TypeSchema(type));
  return one_of;
}

// The definition of a message with a special JSON form, or null for plain objects.
Json SpecialFormSchema(k8s::JsonForm form, Flavor flavor) {
  switch (form) {
    case k8s::JSON_INT_OR_STRING: {
      if (flavor == Flavor::kV2) return TypeSchema("string", "int-or-string");
      Json schema;
      schema["format"] = "int-or-string";
      schema["oneOf"] = OneOf({"integer", "string"});
      return schema;
    }
    case k8s::JSON_QUANTITY: {
      if (flavor == Flavor::kV2) return TypeSchema("string");
      Json schema;
      schema["oneOf"] = OneOf({"string", "number"});
      return schema;
    }
    case k8s::JSON_TIME:
    case k8s::JSON_MICRO_TIME:
      return TypeSchema("string", "date-time");
    case k8s::JSON_DURATION:
      return TypeSchema("string");
    case k8s::JSON_RAW:
      return TypeSchema("object");
    case k8s::JSON_STRING_LIST: {
      Json schema = TypeSchema("array");
      schema["items"] = TypeSchema("string");
      return schema;
    }
    case k8s::JSON_OBJECT:
      break;
  }
  return Json();
}

// The zero value upstream writes as "default" for a scalar field, or null.
Json ScalarDefault(const FieldDescriptor* field) {
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      return field->type() == FieldDescriptor::TYPE_BYTES ? Json() : Json("");
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_INT64:
    case FieldDescriptor::CPPTYPE_UINT32:
    case FieldDescriptor::CPPTYPE_UINT64:
      return Json(0);
    case FieldDescriptor::CPPTYPE_BOOL:
      return Json(false);
    default:
      return Json();
  }
}

// meta.v1.Verbs is a message only in protobuf; in JSON it is a string array.
bool IsStringArrayWrapper(const Descriptor* message) {
  return message->full_name() == "k8s.meta.v1.Verbs";
}

}  // namespace

void SchemaBuilder::Add(const Descriptor* message) {
  if (seen_.insert(message).second) pending_.push_back(message);
  while (!pending_.empty()) {
    const Descriptor* next = pending_.back();
    pending_.pop_back();
    definitions_[DefinitionName(next)] = MessageSchema(next);
  }
}

Json SchemaBuilder::MessageSchema(const Descriptor* message) {
  Json special = SpecialFormSchema(FormOf(message), flavor_);
  if (!special.is_null()) return special;

  Json schema;
  schema["type"] = "object";
  Json properties = Json::MakeObject();
  std::optional<GroupVersionKind> gvk = KindOf(message);
  if (gvk) {
    properties["apiVersion"] = TypeSchema("string");
    properties["kind"] = TypeSchema("string");
  }
  AddProperties(message, properties);
  if (!properties.members().empty()) schema["properties"] = std::move(properties);
  if (gvk) schema["x-kubernetes-group-version-kind"].Append(gvk->ToJson());
  return schema;
}

void SchemaBuilder::AddProperties(const Descriptor* message, Json& properties) {
  std::vector<const FieldDescriptor*> inlined;
  for (int i = 0; i < message->field_count(); ++i) {
    const FieldDescriptor* field = message->field(i);
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && !field->is_repeated() &&
        field->options().GetExtension(k8s::inline_)) {
      inlined.push_back(field);
      continue;
    }
    if (properties.Find(field->json_name()) != nullptr) continue;
    properties[field->json_name()] = FieldSchema(field);
  }
  for (const FieldDescriptor* field : inlined) AddProperties(field->message_type(), properties);
}

Json SchemaBuilder::FieldSchema(const FieldDescriptor* field) {
  Json schema;
  if (field->is_map()) {
    schema["type"] = "object";
    schema["additionalProperties"] = ValueSchema(field->message_type()->map_value(), true);
  } else if (field->is_repeated()) {
    schema["type"] = "array";
    schema["items"] = ValueSchema(field, true);
  } else {
    schema = ValueSchema(field, false);
  }
  Json extensions = Json::MakeObject();
  const auto& options = field->options();
  if (options.HasExtension(k8s::merge_key)) {
    extensions["x-kubernetes-patch-merge-key"] = options.GetExtension(k8s::merge_key);
  }
  if (options.HasExtension(k8s::patch_strategy)) {
    extensions["x-kubernetes-patch-strategy"] = options.GetExtension(k8s::patch_strategy);
  }
  return WithSiblings(std::move(schema), std::move(extensions));
}

Json SchemaBuilder::ValueSchema(const FieldDescriptor* field, bool element) {
  const bool v3 = flavor_ == Flavor::kV3;
  const bool pointer = field->options().GetExtension(k8s::pointer);
  Json schema;
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_UINT32:
      schema = TypeSchema("integer", "int32");
      break;
    case FieldDescriptor::CPPTYPE_INT64:
    case FieldDescriptor::CPPTYPE_UINT64:
      schema = TypeSchema("integer", "int64");
      break;
    case FieldDescriptor::CPPTYPE_DOUBLE:
      schema = TypeSchema("number", "double");
      break;
    case FieldDescriptor::CPPTYPE_FLOAT:
      schema = TypeSchema("number", "float");
      break;
    case FieldDescriptor::CPPTYPE_BOOL:
      schema = TypeSchema("boolean");
      break;
    case FieldDescriptor::CPPTYPE_ENUM:
      schema = TypeSchema("string");
      break;
    case FieldDescriptor::CPPTYPE_STRING:
      schema = field->type() == FieldDescriptor::TYPE_BYTES ? TypeSchema("string", "byte")
                                                            : TypeSchema("string");
      break;
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      const Descriptor* message = field->message_type();
      if (IsStringArrayWrapper(message)) {
        schema["type"] = "array";
        schema["items"] = TypeSchema("string");
        return schema;
      }
      Json siblings = Json::MakeObject();
      // Upstream marks struct values (not pointers) of plain objects with default {}.
      if (v3 && FormOf(message) == k8s::JSON_OBJECT && (element || !pointer)) {
        siblings["default"] = Json::MakeObject();
      }
      return Reference(message, std::move(siblings));
    }
  }
  if (v3 && !pointer && (element || field->options().GetExtension(k8s::always_emit))) {
    Json zero = ScalarDefault(field);
    if (!zero.is_null()) schema["default"] = std::move(zero);
  }
  return schema;
}

Json SchemaBuilder::Reference(const Descriptor* message, Json siblings) {
  if (seen_.insert(message).second) pending_.push_back(message);
  Json ref;
  ref["$ref"] = RefTo(flavor_, message);
  return WithSiblings(std::move(ref), std::move(siblings));
}

Json SchemaBuilder::WithSiblings(Json schema, Json siblings) const {
  if (siblings.members().empty()) return schema;
  if (flavor_ == Flavor::kV3 && schema.Find("$ref") != nullptr) {
    // OpenAPI 3.0 ignores the siblings of $ref, so upstream wraps it in allOf.
    siblings["allOf"].Append(std::move(schema));
    return siblings;
  }
  for (auto& [key, value] : siblings.members()) schema[key] = std::move(value);
  return schema;
}

}  // namespace kube::apiserver::openapi
