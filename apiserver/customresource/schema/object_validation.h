#pragma once

// Custom resources against their CRD version's schema, as upstream validates them: the
// kube-openapi SchemaValidator over the whole schema (value validations, allOf/anyOf/
// oneOf/not included), its errors converted to field errors as apiextensions'
// ValidateCustomResource converts them, then the list-type uniqueness checks.

#include <string_view>

#include "apiserver/customresource/schema/embedded_resource_validation.h"
#include "apiserver/customresource/schema/patterns.h"
#include "common/api/field_error.h"
#include "rapidjson/document.h"

namespace kube::apiserver::crd_schema {

// The form of the schema upstream validates with: custom resources with the schema as
// apiextensions converts it for kube-openapi, where x-kubernetes-int-or-string types a
// node [integer, string]; defaults with the structural schema's own form
// (ToKubeOpenAPI), where such a node stays untyped.
enum class SchemaForm { kCustomResource, kDefault };

// `value` against `schema`. `base_path` is where the value sits: "" for a custom
// resource, "status" for the status subresource's schema, a default's field path for
// defaults. As upstream's, error paths are base_path's children named by kube-openapi's
// paths ("spec.replicas", "spec.ports[0].name"), and an error of the value itself (or
// of anyOf/oneOf/allOf/not, which name no field) is at base_path, "<nil>" when empty.
// `patterns` are the schema's compiled patterns (built here if null).
api::FieldErrors ValidateAgainstSchema(const rapidjson::Value& schema,
                                       const rapidjson::Value& value, std::string_view base_path,
                                       const SchemaPatterns* patterns = nullptr,
                                       SchemaForm form = SchemaForm::kCustomResource);

// A whole custom resource, as the custom resource strategy validates it against its
// schema: ValidateAgainstSchema at the root, ValidateEmbeddedResources (metadata checked
// by `validate_metadata` if set), then ValidateListSetsAndMaps.
api::FieldErrors ValidateObject(const rapidjson::Value& schema, const rapidjson::Value& object,
                                const SchemaPatterns* patterns = nullptr,
                                const EmbeddedMetadataValidator& validate_metadata = {});

}  // namespace kube::apiserver::crd_schema
