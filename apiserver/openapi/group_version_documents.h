#pragma once

// The /openapi/v3 documents of a set of resources, one per group-version.

#include <map>
#include <string>
#include <vector>

#include "apiserver/registry/resource.h"

namespace kube::apiserver::openapi {

struct RenderedDocument {
  std::string json;
  std::string hash;  // of `json`, for the index's ?hash=
};

// Keyed by "api/v1", "apis/apps/v1".
using RenderedDocuments = std::map<std::string, RenderedDocument, std::less<>>;

// One document per group-version of `resources`, each with the resources of it.
RenderedDocuments BuildGroupVersionDocuments(const std::vector<const ResourceInfo*>& resources);

}  // namespace kube::apiserver::openapi
