#pragma once

// The part of the OpenAPI documents that the built-in resources make. They never
// change while the server runs, so it is rendered once (about 60 ms) and shared by
// every later snapshot: a CRD change then renders only the custom resources.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "apiserver/openapi/group_version_documents.h"
#include "apiserver/registry/resource.h"

namespace kube::apiserver::openapi {

class BuiltinDocuments {
 public:
  // `resources`: the publishable built-in resources, in registry order.
  explicit BuiltinDocuments(std::vector<const ResourceInfo*> resources);

  BuiltinDocuments(const BuiltinDocuments&) = delete;
  BuiltinDocuments& operator=(const BuiltinDocuments&) = delete;

  // Whether these parts are those of exactly `resources` (the same objects).
  bool BuiltFrom(const std::vector<const ResourceInfo*>& resources) const {
    return resources == resources_;
  }

  // One v3 document per group-version, keyed by "api/v1", "apis/apps/v1".
  const RenderedDocuments& v3() const { return v3_; }

  // The v2 document's paths and definitions as JSON text each, by key (sorted, as
  // the document has them), and its info block.
  const std::map<std::string, std::string, std::less<>>& v2_paths() const { return v2_paths_; }
  const std::map<std::string, std::string, std::less<>>& v2_definitions() const {
    return v2_definitions_;
  }
  const std::string& v2_info() const { return v2_info_; }
  // The whole built-in v2 document as gnostic protobuf.
  const std::string& v2_protobuf() const { return v2_protobuf_; }

 private:
  const std::vector<const ResourceInfo*> resources_;
  RenderedDocuments v3_;
  std::map<std::string, std::string, std::less<>> v2_paths_;
  std::map<std::string, std::string, std::less<>> v2_definitions_;
  std::string v2_info_;
  std::string v2_protobuf_;
};

}  // namespace kube::apiserver::openapi
