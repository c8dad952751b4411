#include "apiserver/customresource/schema/schema_validation.h"

#include <optional>
#include <string>

#include "apiserver/customresource/schema/default_check.h"
#include "apiserver/customresource/schema/openapi_schema_check.h"
#include "apiserver/customresource/schema/schema_node.h"
#include "apiserver/customresource/schema/structural_check.h"

namespace kube::apiserver::crd_schema {
namespace {

void Append(api::FieldErrors more, api::FieldErrors* errors) {
  for (auto& error : more) errors->push_back(std::move(error));
}

}  // namespace

api::FieldErrors ValidateStructuralSchema(const rapidjson::Value& schema, std::string_view path) {
  api::FieldErrors errors;
  if (!schema.IsObject()) return errors;
  if (Nullable(schema)) {
    errors.push_back(
        api::Forbidden(ChildPath(path, "nullable"), "nullable cannot be true at the root"));
  }
  std::optional<std::string> conversion_error = StructuralConversionError(schema);
  if (!conversion_error) {
    api::FieldErrors structural = CheckStructural(schema, path);
    if (!structural.empty()) {
      Append(std::move(structural), &errors);
    } else {
      Append(CheckDefaults(schema, path), &errors);
    }
  }
  Append(CheckOpenApiSchema(schema, path), &errors);
  // The conversion error repeats what the keyword checks report; upstream shows it
  // only when they report nothing.
  if (errors.empty() && conversion_error) {
    errors.push_back(
        {api::FieldError::Type::kInvalid, std::string(path), "\"\"", *conversion_error});
  }
  return errors;
}

}  // namespace kube::apiserver::crd_schema
