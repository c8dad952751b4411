#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/auth/authorizer.h"

namespace kube::apiserver::filters {

// What the Impersonate-* headers ask for (kubectl --as, --as-group, --as-uid).
struct ImpersonationRequest {
  std::string user;                 // Impersonate-User
  std::vector<std::string> groups;  // Impersonate-Group, repeatable
  std::string uid;                  // Impersonate-Uid
  std::map<std::string, std::vector<std::string>> extra;  // Impersonate-Extra-<key>

  bool requested() const { return !user.empty() || !groups.empty() || !uid.empty() || !extra.empty(); }
};

// Reads the headers through `values`, which returns every value of a header name
// (matched case-insensitively) and `extra_keys`, which returns the <key>s of the
// Impersonate-Extra-<key> headers present (percent-decoded, as upstream).
ImpersonationRequest ReadImpersonationHeaders(
    const std::function<std::vector<std::string>(const std::string& name)>& values,
    const std::vector<std::string>& extra_keys);

// Upstream's impersonation filter: `requester` must be allowed to `impersonate`
// each thing asked for (users or serviceaccounts, groups, uids, userextras); the
// result is whom the request then acts as, with upstream's groups added
// (a ServiceAccount's own groups unless groups were given, system:authenticated
// unless anonymous). 400 for groups/extra/uid without a user; 403, as the
// authorizer's answer, for what is not allowed.
absl::StatusOr<auth::UserInfo> Impersonate(const auth::UserInfo& requester,
                                           const ImpersonationRequest& request,
                                           const auth::Authorizer& authorizer);

}  // namespace kube::apiserver::filters
