#pragma once

#include <string>

#include "common/auth/user_info.h"

namespace kube::apiserver::authorization {

// What a request asks to do, as upstream's authorizer.Attributes. A resource request
// names a verb on a resource; any other request (/healthz, /api, /version) a verb on
// a path.
struct Attributes {
  const auth::UserInfo* user = nullptr;  // never null when asked; outlives the call
  // get, list, watch, create, update, patch, delete, deletecollection for resources
  // (plus bind, escalate, impersonate, approve, sign, use from other checks); the
  // lower-case HTTP method (get, post, put, ...) for non-resource paths.
  std::string verb;
  bool resource_request = false;
  // Resource requests.
  std::string namespace_;    // "" for cluster-scoped resources and across namespaces
  std::string api_group;     // "" for the core group
  std::string api_version;   // "v1"
  std::string resource;      // "pods"
  std::string subresource;   // "status", "log", ...
  std::string name;          // "" for collections
  // Non-resource requests.
  std::string path;          // "/healthz"
};

// What an authorizer concluded.
enum class Decision {
  kAllow,      // allowed: the chain stops
  kDeny,       // denied outright: the chain stops
  kNoOpinion,  // neither: the next authorizer decides (if none, denied)
};

// One way of deciding whether a request may proceed (RBAC, Node, AlwaysAllow, ...).
// Implementations are thread-safe: every request of every transport asks.
class Authorizer {
 public:
  virtual ~Authorizer() = default;
  // `reason` (never null) may say why, for the 403 message and access reviews
  // ("RBAC: allowed by ClusterRoleBinding ..."); it is left empty when there is
  // nothing to say.
  virtual Decision Authorize(const Attributes& attributes, std::string* reason) const = 0;
};

}  // namespace kube::apiserver::authorization
