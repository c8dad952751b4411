#include "apiserver/openapi/builtin_documents.h"

#include "apiserver/openapi/json_tree.h"
#include "apiserver/openapi/v2_document.h"
#include "apiserver/openapi/v2_protobuf.h"
#include "common/log/log.h"

namespace kube::apiserver::openapi {

BuiltinDocuments::BuiltinDocuments(std::vector<const ResourceInfo*> resources)
    : resources_(std::move(resources)), v3_(BuildGroupVersionDocuments(resources_)) {
  Json swagger = BuildV2Document(resources_);
  absl::StatusOr<::openapi::v2::Document> gnostic = ToGnosticDocument(swagger);
  // The converter only fails if the v2 builder emits a key the gnostic subset lacks.
  if (!gnostic.ok()) KLOG(Fatal) << gnostic.status();
  v2_protobuf_ = gnostic->SerializeAsString();
  for (const auto& [path, item] : swagger["paths"].members()) v2_paths_.emplace(path, item.Dump());
  for (const auto& [name, schema] : swagger["definitions"].members()) {
    v2_definitions_.emplace(name, schema.Dump());
  }
  v2_info_ = swagger["info"].Dump();
}

}  // namespace kube::apiserver::openapi
