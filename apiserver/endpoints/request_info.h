#pragma once

#include <string>
#include <string_view>

#include "common/auth/user_info.h"

namespace kube::apiserver {

// What a request path names, as upstream's RequestInfoFactory decodes it:
//   /api/v1/namespaces/NS/pods/NAME/status
//   /apis/apps/v1/deployments            (all namespaces)
//   /api/v1/nodes/NAME
//   /api/v1/namespaces/NAME              (the namespace itself)
//   /api/v1/watch/namespaces/NS/pods     (legacy watch paths)
struct RequestInfo {
  bool is_resource_request = false;  // false for /api, /apis, /api/v1, /apis/G, /apis/G/V
  std::string api_prefix;            // "api" or "apis"
  std::string group;                 // "" for the core group
  std::string version;               // "v1"
  std::string namespace_;            // "" when not namespaced or across namespaces
  std::string resource;              // "pods"
  std::string name;                  // "" for collections
  std::string subresource;           // "status", "scale", "log", ...
  bool legacy_watch = false;         // /watch/ prefix: a watch regardless of ?watch
  // Whom the request acts as, once the request chain admitted it (borrowed; null
  // only for requests that never went through the chain). Handlers hand it on to
  // admission and to the reviews that answer about the requester.
  const auth::UserInfo* user = nullptr;
};

// Parses a URL path (without the query). Returns false for paths outside /api and
// /apis or too malformed to name anything (the caller answers 404).
bool ParseRequestPath(std::string_view path, RequestInfo& info);

}  // namespace kube::apiserver
