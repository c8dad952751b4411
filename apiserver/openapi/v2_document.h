#pragma once

// The Swagger 2.0 document of the whole server (GET /openapi/v2).

#include <vector>

#include "apiserver/openapi/json_tree.h"
#include "apiserver/registry/resource.h"

namespace kube::apiserver::openapi {

// {"swagger":"2.0","info":{...},"paths":{...},"definitions":{...}} for every resource
// (prototypes set): the same operations and schemas as the v3 documents, in v2 form.
Json BuildV2Document(const std::vector<const ResourceInfo*>& resources);

}  // namespace kube::apiserver::openapi
