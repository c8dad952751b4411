#pragma once

// The OpenAPI 3.0 document of one group-version (GET /openapi/v3/apis/apps/v1).

#include <vector>

#include "apiserver/openapi/json_tree.h"
#include "apiserver/registry/resource.h"

namespace kube::apiserver::openapi {

// {"openapi":"3.0.0","info":{...},"paths":{...},"components":{"schemas":{...}}} for
// `resources` (all of one group-version, prototypes set): every operation upstream
// lists for them, and the schema of every message those operations reach.
Json BuildV3Document(const std::vector<const ResourceInfo*>& resources);

}  // namespace kube::apiserver::openapi
