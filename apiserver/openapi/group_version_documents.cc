#include "apiserver/openapi/group_version_documents.h"

#include "apiserver/openapi/resource_paths.h"
#include "apiserver/openapi/v3_document.h"
#include "common/util/content_hash.h"

namespace kube::apiserver::openapi {

RenderedDocuments BuildGroupVersionDocuments(const std::vector<const ResourceInfo*>& resources) {
  std::map<std::string, std::vector<const ResourceInfo*>> by_group_version;
  for (const ResourceInfo* resource : resources) {
    by_group_version[GroupVersionKey(resource->group, resource->version)].push_back(resource);
  }
  RenderedDocuments documents;
  for (const auto& [key, members] : by_group_version) {
    RenderedDocument document;
    document.json = BuildV3Document(members).Dump();
    document.hash = util::ContentHash(document.json);
    documents.emplace(key, std::move(document));
  }
  return documents;
}

}  // namespace kube::apiserver::openapi
