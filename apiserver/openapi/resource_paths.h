#pragma once

// The REST operations of a resource as upstream's OpenAPI documents list them, in a
// form independent of the document flavor (v2 and v3 render the same model).

#include <string>
#include <vector>

#include <google/protobuf/descriptor.h>

#include "apiserver/openapi/parameters.h"
#include "apiserver/openapi/schema_names.h"
#include "apiserver/registry/resource.h"

namespace kube::apiserver::openapi {

// What a body is: a message (its definition derived from the descriptor) or a
// definition given by name (a custom resource's, built from its CRD's schema).
struct SchemaRef {
  const google::protobuf::Descriptor* message = nullptr;
  std::string definition;  // when `message` is null

  SchemaRef() = default;
  SchemaRef(const google::protobuf::Descriptor* message) : message(message) {}
  explicit SchemaRef(std::string definition) : definition(std::move(definition)) {}

  bool empty() const { return message == nullptr && definition.empty(); }
  friend bool operator==(const SchemaRef&, const SchemaRef&) = default;
};

struct Response {
  std::string code;         // "200"
  std::string description;  // "OK"
  // The body, or a plain string when empty and `text` is set.
  SchemaRef schema;
  bool text = false;
};

struct Operation {
  std::string method;       // "get", "put", "post", "delete" or "patch"
  std::string id;           // "patchCoreV1NamespacedPod"
  std::string description;  // "partially update the specified Pod"
  std::string action;       // x-kubernetes-action: get, list, post, put, patch, delete, ...
  GroupVersionKind gvk;     // x-kubernetes-group-version-kind
  std::string tag;          // "core_v1"
  std::vector<Parameter> parameters;
  SchemaRef body;                     // request body, if any
  std::vector<std::string> consumes;  // request content types (with a body)
  std::vector<std::string> produces;  // response content types
  std::vector<Response> responses;
};

struct PathItem {
  std::string path;                   // "/api/v1/namespaces/{namespace}/pods/{name}"
  std::vector<Parameter> parameters;  // shared by its operations
  std::vector<Operation> operations;
};

// Every path upstream serves for `resource` (whose prototype and list_prototype are
// set): collection, item, all-namespaces list, and the subresources it has. A custom
// resource's kind and list are the definitions CustomDefinitionName names, its
// operations JSON and YAML only (no protobuf, no strategic merge patch), and its
// scale operations carry its own kind, as upstream's CRD builder has them.
std::vector<PathItem> ResourcePaths(const ResourceInfo& resource);

// "/api/v1" or "/apis/apps/v1".
std::string GroupVersionPrefix(const std::string& group, const std::string& version);
// "api/v1" or "apis/apps/v1": the key of the /openapi/v3 index.
std::string GroupVersionKey(const std::string& group, const std::string& version);

}  // namespace kube::apiserver::openapi
