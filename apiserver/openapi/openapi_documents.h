#pragma once

#include <array>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "apiserver/openapi/builtin_documents.h"
#include "apiserver/openapi/group_version_documents.h"
#include "apiserver/registry/resource_registry.h"

namespace kube::apiserver {

// The OpenAPI documents the server publishes, generated from the schema of every
// registered resource (a custom resource's from its CRD's openAPIV3Schema, as
// upstream's apiextensions builder publishes it): /openapi/v3 (an index plus one OpenAPI 3.0 document per
// group-version) and /openapi/v2 (one Swagger 2.0 document, as JSON and as gnostic
// protobuf). kubectl uses v3 to learn that the server validates fields itself
// (a patch operation per kind with a fieldValidation parameter), v2 as the fallback
// for client-side validation, and both for strategic-merge metadata and explain.
//
// Everything is built in the constructor; afterwards the object is immutable and may
// be shared by request threads without locking. Returned references live as long as it.
class OpenApiDocuments {
 public:
  // Builds every document from the registry. Resources without prototypes are left
  // out. The built-in resources' part is taken from `previous` (the documents of the
  // snapshot before, if any) when it was made from the same built-in resources, so a
  // CRD change renders only the custom resources.
  explicit OpenApiDocuments(const ResourceRegistry& registry,
                            const OpenApiDocuments* previous = nullptr);

  OpenApiDocuments(const OpenApiDocuments&) = delete;
  OpenApiDocuments& operator=(const OpenApiDocuments&) = delete;

  // GET /openapi/v3:
  // {"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=<HASH>"},...}}
  const std::string& V3Index() const { return v3_index_; }

  // GET /openapi/v3/api/v1, /openapi/v3/apis/apps/v1 (argument "api/v1",
  // "apis/apps/v1"): the JSON document, or nullptr for an unknown group-version.
  const std::string* V3Document(std::string_view group_version_path) const;

  // The hash the index gives for that path, or nullptr. When a request's ?hash=
  // matches, the reply may be cached forever (Cache-Control: immutable).
  const std::string* V3Hash(std::string_view group_version_path) const;

  // GET /openapi/v2 with a protobuf Accept: gnostic's openapi.v2.Document as bytes.
  const std::string& V2Protobuf() const { return v2_protobuf_; }

  // GET /openapi/v2 otherwise: the same document as Swagger 2.0 JSON.
  const std::string& V2Json() const { return v2_json_; }

 private:
  // The built-in and the custom group-versions.
  std::array<const openapi::RenderedDocuments*, 2> AllV3() const;
  const openapi::RenderedDocument* FindV3(std::string_view group_version_path) const;

  std::shared_ptr<const openapi::BuiltinDocuments> builtins_;
  // The custom resources' group-versions. Constant after construction.
  openapi::RenderedDocuments custom_v3_;
  std::string v3_index_;
  std::string v2_json_;
  std::string v2_protobuf_;
};

}  // namespace kube::apiserver
