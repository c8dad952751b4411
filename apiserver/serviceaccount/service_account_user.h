#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/auth/user_info.h"

namespace kube::serviceaccount {

// Names upstream gives service accounts as users
// (k8s.io/apiserver/pkg/authentication/serviceaccount/util.go, v1.32).
inline constexpr char kAllServiceAccountsGroup[] = "system:serviceaccounts";
inline constexpr char kServiceAccountGroupPrefix[] = "system:serviceaccounts:";
inline constexpr char kPodNameKey[] = "authentication.kubernetes.io/pod-name";
inline constexpr char kPodUidKey[] = "authentication.kubernetes.io/pod-uid";
inline constexpr char kNodeNameKey[] = "authentication.kubernetes.io/node-name";
inline constexpr char kNodeUidKey[] = "authentication.kubernetes.io/node-uid";
inline constexpr char kCredentialIdKey[] = "authentication.kubernetes.io/credential-id";

// "system:serviceaccount:<namespace>:<name>".
std::string MakeUsername(std::string_view namespace_name, std::string_view name);

// {namespace, name} of a service-account user name, or nothing when it is not one
// (wrong prefix, not exactly two parts, or a namespace / name that is not a valid
// object name).
std::optional<std::pair<std::string, std::string>> SplitUsername(std::string_view username);

// {"system:serviceaccounts", "system:serviceaccounts:<namespace>"}.
std::vector<std::string> MakeGroupNames(std::string_view namespace_name);

// "JTI=<jti>", or "" for a token without an id.
std::string CredentialIdForJti(std::string_view jti);

// Who a valid token speaks for, as upstream's ServiceAccountInfo.
struct ServiceAccountInfo {
  std::string namespace_name;
  std::string name;
  std::string uid;
  std::string pod_name, pod_uid;    // pod-bound tokens
  std::string node_name, node_uid;  // node-bound tokens, or the bound pod's node
  std::string credential_id;        // "JTI=..." when the token has an id

  // The user: name, uid, the two service-account groups (the caller adds
  // system:authenticated) and, when known, the pod, node and credential extras.
  auth::UserInfo ToUserInfo() const;
};

}  // namespace kube::serviceaccount
