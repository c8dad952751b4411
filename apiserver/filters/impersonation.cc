#include "apiserver/filters/impersonation.h"

#include "absl/strings/match.h"
#include "common/util/strings.h"
#include "absl/strings/str_split.h"
#include "common/auth/forbidden.h"
#include "common/api/errors.h"

namespace kube::apiserver::filters {
namespace {

using auth::Attributes;
using auth::Decision;

absl::Status Check(const auth::UserInfo& requester, Attributes attributes,
                   const auth::Authorizer& authorizer) {
  attributes.user = &requester;
  attributes.verb = "impersonate";
  attributes.resource_request = true;
  std::string reason;
  absl::StatusOr<Decision> decision = authorizer.Authorize(attributes, &reason);
  if (!decision.ok()) return api::InternalError(std::string(decision.status().message()));
  if (*decision == Decision::kAllow) return absl::OkStatus();
  return auth::ForbiddenStatus(attributes, reason);
}

Attributes Resource(std::string group, std::string resource, std::string name,
                    std::string namespace_ = "", std::string subresource = "") {
  Attributes attributes;
  attributes.api_group = std::move(group);
  attributes.resource = std::move(resource);
  attributes.name = std::move(name);
  attributes.namespace_ = std::move(namespace_);
  attributes.subresource = std::move(subresource);
  return attributes;
}

}  // namespace

ImpersonationRequest ReadImpersonationHeaders(
    const std::function<std::vector<std::string>(const std::string& name)>& values,
    const std::vector<std::string>& extra_keys) {
  ImpersonationRequest request;
  std::vector<std::string> users = values("Impersonate-User");
  if (!users.empty()) request.user = users.front();
  request.groups = values("Impersonate-Group");
  std::vector<std::string> uids = values("Impersonate-Uid");
  if (!uids.empty()) request.uid = uids.front();
  for (const std::string& key : extra_keys) {
    request.extra[key] = values("Impersonate-Extra-" + key);
  }
  return request;
}

absl::StatusOr<auth::UserInfo> Impersonate(const auth::UserInfo& requester,
                                           const ImpersonationRequest& request,
                                           const auth::Authorizer& authorizer) {
  if (request.user.empty()) {
    return api::BadRequestError(
        "requested impersonation of groups, extra or a uid without impersonating a user");
  }
  auth::UserInfo acting;
  acting.name = request.user;
  const bool groups_given = !request.groups.empty();
  if (absl::StartsWith(request.user, auth::kServiceAccountUserPrefix)) {
    // system:serviceaccount:NS:NAME is authorized as the ServiceAccount object.
    std::vector<std::string> parts =
        absl::StrSplit(request.user.substr(std::string(auth::kServiceAccountUserPrefix).size()), ':');
    if (parts.size() != 2 || parts[0].empty() || parts[1].empty()) {
      return api::BadRequestError(StrCat("invalid service account name ", request.user));
    }
    if (absl::Status allowed =
            Check(requester, Resource("", "serviceaccounts", parts[1], parts[0]), authorizer);
        !allowed.ok()) {
      return allowed;
    }
    if (!groups_given) {
      acting.groups = {auth::kServiceAccountsGroup,
                       StrCat(auth::kServiceAccountsGroup, ":", parts[0])};
    }
  } else if (absl::Status allowed = Check(requester, Resource("", "users", request.user), authorizer);
             !allowed.ok()) {
    return allowed;
  }
  for (const std::string& group : request.groups) {
    if (absl::Status allowed = Check(requester, Resource("", "groups", group), authorizer);
        !allowed.ok()) {
      return allowed;
    }
    acting.groups.push_back(group);
  }
  for (const auto& [key, values] : request.extra) {
    for (const std::string& value : values) {
      if (absl::Status allowed = Check(
              requester, Resource("authentication.k8s.io", "userextras", value, "", key), authorizer);
          !allowed.ok()) {
        return allowed;
      }
    }
    acting.extra[key] = values;
  }
  if (!request.uid.empty()) {
    if (absl::Status allowed =
            Check(requester, Resource("authentication.k8s.io", "uids", request.uid), authorizer);
        !allowed.ok()) {
      return allowed;
    }
    acting.uid = request.uid;
  }
  // The impersonated user is authenticated (or, as anonymous, unauthenticated).
  const bool anonymous = acting.name == auth::kAnonymousUser;
  if (!acting.InGroup(auth::kAllAuthenticated) && !acting.InGroup(auth::kAllUnauthenticated)) {
    acting.groups.push_back(anonymous ? auth::kAllUnauthenticated : auth::kAllAuthenticated);
  }
  return acting;
}

}  // namespace kube::apiserver::filters
