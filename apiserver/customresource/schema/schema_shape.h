#pragma once

// The JSON shape of a CRD schema as upstream decodes it into JSONSchemaProps: keywords
// of the wrong JSON type fail decoding (a 400 before any validation), keywords
// JSONSchemaProps does not have are dropped (with "unknown field" warnings, or an error
// under fieldValidation=Strict). Every other function of this module reads a keyword of
// the wrong type as absent; run these first on a CRD's schemas.

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "rapidjson/document.h"

namespace kube::apiserver::crd_schema {

// InvalidArgument naming the first keyword whose JSON type JSONSchemaProps cannot
// decode, in Go's words (`json: cannot unmarshal string into Go struct field
// JSONSchemaProps.spec.versions[0].schema.openAPIV3Schema.properties.a.maxLength of type
// int64`). `path` is the schema's path, e.g. "spec.versions[0].schema.openAPIV3Schema".
absl::Status CheckSchemaShape(const rapidjson::Value& schema, std::string_view path);

// Removes the keywords JSONSchemaProps does not have (readOnly, xml, discriminator, ...)
// from every schema node, appending their paths as the strict decoder names them
// ("spec.versions[0].schema.openAPIV3Schema.properties.a.readOnly") to `dropped`.
void DropUnknownSchemaFields(rapidjson::Value& schema, std::string_view path,
                             std::vector<std::string>* dropped);

}  // namespace kube::apiserver::crd_schema
