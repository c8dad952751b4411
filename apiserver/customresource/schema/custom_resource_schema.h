#pragma once

// One CRD version's schema held for serving its custom resources: parsed and its
// patterns compiled once (per CRD version, not per request), with the steps upstream
// runs on every custom resource in upstream's order.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "apiserver/customresource/schema/embedded_resource_validation.h"
#include "apiserver/customresource/schema/patterns.h"
#include "common/api/field_error.h"
#include "rapidjson/document.h"

namespace kube::apiserver::crd_schema {

class CustomResourceSchema {
 public:
  // `openapi_v3_schema_json` is a version's schema.openAPIV3Schema as stored (valid per
  // ValidateStructuralSchema). InvalidArgument if it does not parse.
  static absl::StatusOr<std::unique_ptr<const CustomResourceSchema>> Parse(
      std::string_view openapi_v3_schema_json);

  const rapidjson::Value& root() const { return schema_; }
  // properties.status, what the status subresource validates against; null if none.
  const rapidjson::Value* status() const { return status_; }

  // Decoding a custom resource (request body or storage): prunes unknown fields (their
  // paths, sorted, to `unknown_fields` if set), drops non-nullable nulls, then applies
  // defaults. `object` is the resource root.
  void PruneAndDefault(rapidjson::Value& object, rapidjson::Document::AllocatorType& allocator,
                       std::vector<std::string>* unknown_fields = nullptr) const;

  // Create/update validation of the whole object (ValidateObject).
  api::FieldErrors Validate(const rapidjson::Value& object,
                            const EmbeddedMetadataValidator& validate_metadata = {}) const;

  // Status subresource updates: `status` against status(), errors under "status"
  // (as upstream's status strategy validates it).
  api::FieldErrors ValidateStatus(const rapidjson::Value& status) const;

 private:
  explicit CustomResourceSchema(rapidjson::Document schema);

  rapidjson::Document schema_;
  const rapidjson::Value* status_ = nullptr;
  SchemaPatterns patterns_;
};

}  // namespace kube::apiserver::crd_schema
