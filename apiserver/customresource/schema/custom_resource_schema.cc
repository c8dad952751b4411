#include "apiserver/customresource/schema/custom_resource_schema.h"

#include "apiserver/customresource/schema/defaulting.h"
#include "apiserver/customresource/schema/object_validation.h"
#include "apiserver/customresource/schema/pruning.h"
#include "apiserver/customresource/schema/schema_node.h"
#include "common/codec/json_text.h"

namespace kube::apiserver::crd_schema {

absl::StatusOr<std::unique_ptr<const CustomResourceSchema>> CustomResourceSchema::Parse(
    std::string_view openapi_v3_schema_json) {
  rapidjson::Document schema;
  if (absl::Status status = codec::ParseJson(openapi_v3_schema_json, schema); !status.ok()) {
    return status;
  }
  return std::unique_ptr<const CustomResourceSchema>(new CustomResourceSchema(std::move(schema)));
}

CustomResourceSchema::CustomResourceSchema(rapidjson::Document schema)
    : schema_(std::move(schema)), status_(PropertySchema(schema_, "status")), patterns_(schema_) {}

void CustomResourceSchema::PruneAndDefault(rapidjson::Value& object,
                                           rapidjson::Document::AllocatorType& allocator,
                                           std::vector<std::string>* unknown_fields) const {
  Prune(schema_, object, unknown_fields);
  PruneNonNullableNulls(schema_, object);
  ApplyDefaults(schema_, object, allocator);
}

api::FieldErrors CustomResourceSchema::Validate(
    const rapidjson::Value& object, const EmbeddedMetadataValidator& validate_metadata) const {
  return ValidateObject(schema_, object, &patterns_, validate_metadata);
}

api::FieldErrors CustomResourceSchema::ValidateStatus(const rapidjson::Value& status) const {
  if (status_ == nullptr) return {};
  return ValidateAgainstSchema(*status_, status, "status", &patterns_);
}

}  // namespace kube::apiserver::crd_schema
