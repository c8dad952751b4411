#pragma once

#include <optional>
#include <string>

#include "common/auth/user_info.h"

namespace kube::apiserver::node {

// The node a user is the kubelet of, as upstream's NodeIdentifier: users named
// "system:node:<name>" in the group system:nodes. nullopt for everyone else; ""
// for a node user without a name (known to be a node, but not which).
inline std::optional<std::string> NodeIdentity(const auth::UserInfo& user) {
  const std::string_view prefix = auth::kNodeUserPrefix;
  if (!user.name.starts_with(prefix) || !user.InGroup(auth::kNodesGroup)) return std::nullopt;
  return user.name.substr(prefix.size());
}

}  // namespace kube::apiserver::node
