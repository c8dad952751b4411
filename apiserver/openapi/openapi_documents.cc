#include "apiserver/openapi/openapi_documents.h"

#include <vector>

#include "common/util/content_hash.h"
#include "apiserver/openapi/json_tree.h"
#include "apiserver/openapi/resource_paths.h"
#include "apiserver/openapi/v2_document.h"
#include "apiserver/openapi/v2_protobuf.h"
#include "apiserver/openapi/v3_document.h"
#include "common/log/log.h"

namespace kube::apiserver {
namespace {

bool Publishable(const ResourceInfo& info) {
  // Reviews have no list: only their create is published.
  return info.prototype != nullptr && (info.list_prototype != nullptr || !info.stored);
}

}  // namespace

OpenApiDocuments::OpenApiDocuments(const ResourceRegistry& registry) {
  openapi::Json index;
  index["paths"] = openapi::Json::MakeObject();
  std::vector<const ResourceInfo*> everything;
  for (const ResourceRegistry::GroupVersion& gv : registry.GroupVersions()) {
    std::vector<const ResourceInfo*> resources;
    for (const auto& info : registry.All()) {
      if (info->group == gv.group && info->version == gv.version && Publishable(*info)) {
        resources.push_back(info.get());
      }
    }
    if (resources.empty()) continue;
    everything.insert(everything.end(), resources.begin(), resources.end());

    // "api/v1" or "apis/apps/v1": the prefix without its leading slash.
    std::string key = openapi::GroupVersionKey(gv.group, gv.version);
    GroupVersionDocument document;
    document.json = openapi::BuildV3Document(resources).Dump();
    document.hash = util::ContentHash(document.json);
    index["paths"][key]["serverRelativeURL"] = "/openapi/v3/" + key + "?hash=" + document.hash;
    v3_documents_.emplace(key, std::move(document));
  }
  v3_index_ = index.Dump();

  openapi::Json swagger = openapi::BuildV2Document(everything);
  v2_json_ = swagger.Dump();
  absl::StatusOr<::openapi::v2::Document> gnostic = openapi::ToGnosticDocument(swagger);
  // The converter only fails if the v2 builder emits a key the gnostic subset lacks.
  if (!gnostic.ok()) KLOG(Fatal) << gnostic.status();
  v2_protobuf_ = gnostic->SerializeAsString();
}

const std::string* OpenApiDocuments::V3Document(std::string_view group_version_path) const {
  auto it = v3_documents_.find(group_version_path);
  return it == v3_documents_.end() ? nullptr : &it->second.json;
}

const std::string* OpenApiDocuments::V3Hash(std::string_view group_version_path) const {
  auto it = v3_documents_.find(group_version_path);
  return it == v3_documents_.end() ? nullptr : &it->second.hash;
}

}  // namespace kube::apiserver
