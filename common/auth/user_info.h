#pragma once

#include <map>
#include <string>
#include <vector>

namespace kube::auth {

// Who made a request, as upstream's user.Info: what authentication found (a
// certificate's CN and O, a token's subject) and, after impersonation, whom the
// request acts as. Authorizers and admission decide on it.
struct UserInfo {
  std::string name;                 // "system:serviceaccount:t:bob", "alice"
  std::string uid;                  // "" when the credential carries none
  std::vector<std::string> groups;  // "system:authenticated" included once authenticated
  std::map<std::string, std::vector<std::string>> extra;  // e.g. authentication.kubernetes.io/pod-name

  bool InGroup(const std::string& group) const {
    for (const std::string& g : groups) {
      if (g == group) return true;
    }
    return false;
  }
};

// Names upstream reserves (k8s.io/apiserver/pkg/authentication/user).
inline constexpr char kSystemMasters[] = "system:masters";
inline constexpr char kAllAuthenticated[] = "system:authenticated";
inline constexpr char kAllUnauthenticated[] = "system:unauthenticated";
inline constexpr char kAnonymousUser[] = "system:anonymous";
inline constexpr char kNodesGroup[] = "system:nodes";
inline constexpr char kServiceAccountsGroup[] = "system:serviceaccounts";
inline constexpr char kServiceAccountUserPrefix[] = "system:serviceaccount:";
inline constexpr char kNodeUserPrefix[] = "system:node:";

}  // namespace kube::auth
