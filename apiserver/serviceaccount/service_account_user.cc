#include "apiserver/serviceaccount/service_account_user.h"

#include "common/util/strings.h"
#include "common/validation/names.h"

namespace kube::serviceaccount {

std::string MakeUsername(std::string_view namespace_name, std::string_view name) {
  return kube::StrCat(auth::kServiceAccountUserPrefix, namespace_name, ":", name);
}

std::optional<std::pair<std::string, std::string>> SplitUsername(std::string_view username) {
  std::string_view prefix = auth::kServiceAccountUserPrefix;
  if (username.substr(0, prefix.size()) != prefix) return std::nullopt;
  std::string_view rest = username.substr(prefix.size());
  size_t colon = rest.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::string_view namespace_name = rest.substr(0, colon);
  std::string_view name = rest.substr(colon + 1);
  if (name.find(':') != std::string_view::npos) return std::nullopt;
  if (!validation::IsDns1123Label(namespace_name).empty()) return std::nullopt;
  if (!validation::IsDns1123Subdomain(name).empty()) return std::nullopt;
  return std::make_pair(std::string(namespace_name), std::string(name));
}

std::vector<std::string> MakeGroupNames(std::string_view namespace_name) {
  return {kAllServiceAccountsGroup, kube::StrCat(kServiceAccountGroupPrefix, namespace_name)};
}

std::string CredentialIdForJti(std::string_view jti) {
  if (jti.empty()) return "";
  return kube::StrCat("JTI=", jti);
}

auth::UserInfo ServiceAccountInfo::ToUserInfo() const {
  auth::UserInfo user;
  user.name = MakeUsername(namespace_name, name);
  user.uid = uid;
  user.groups = MakeGroupNames(namespace_name);
  if (!pod_name.empty() && !pod_uid.empty()) {
    user.extra[kPodNameKey] = {pod_name};
    user.extra[kPodUidKey] = {pod_uid};
  }
  if (!credential_id.empty()) user.extra[kCredentialIdKey] = {credential_id};
  if (!node_name.empty()) {
    user.extra[kNodeNameKey] = {node_name};
    // The node's uid comes only with its name.
    if (!node_uid.empty()) user.extra[kNodeUidKey] = {node_uid};
  }
  return user;
}

}  // namespace kube::serviceaccount
