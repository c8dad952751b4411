#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "common/auth/user_info.h"

namespace kube::auth {

// What a request to a component's port asks to do, as upstream's
// authorizer.Attributes: a verb on a path (/metrics) or, for the kubelet's API, a
// verb on a resource (nodes/proxy).
struct Attributes {
  const UserInfo* user = nullptr;  // never null when asked; outlives the call
  // The lower-case HTTP method (get, post, ...) for paths; get, create, ... for
  // resources.
  std::string verb;
  bool resource_request = false;
  // Resource requests.
  std::string namespace_;   // "" for cluster-scoped resources
  std::string api_group;    // "" for the core group
  std::string api_version;  // "v1"
  std::string resource;     // "nodes"
  std::string subresource;  // "proxy", "metrics", ...
  std::string name;         // the node's name
  // Non-resource requests.
  std::string path;         // "/metrics"
};

// What an authorizer concluded.
enum class Decision {
  kAllow,      // allowed: the chain stops
  kDeny,       // denied outright: the chain stops
  kNoOpinion,  // neither: the next authorizer decides (if none, denied)
};

// One way of deciding whether a request may proceed. Implementations are
// thread-safe: every request asks.
class Authorizer {
 public:
  virtual ~Authorizer() = default;
  // The decision, with `reason` (never null) saying why when there is something to
  // say (it ends the 403 message). An error when no decision could be reached (the
  // apiserver did not answer a review): upstream answers 500, not 403.
  virtual absl::StatusOr<Decision> Authorize(const Attributes& attributes,
                                             std::string* reason) const = 0;
};

}  // namespace kube::auth
