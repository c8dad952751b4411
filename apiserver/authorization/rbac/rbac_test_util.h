#pragma once

// Test-only helpers: rules, roles, bindings and requests from short strings, after
// the helpers of upstream's rbac_test.go.

#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_split.h"
#include "common/auth/authorizer.h"
#include "apiserver/authorization/rbac/rule_matching.h"
#include "common/auth/user_info.h"
#include "k8s/rbac/v1/rbac.pb.h"

namespace kube::apiserver::rbac::testing {

inline std::vector<std::string> SplitList(std::string_view csv) {
  if (csv.empty()) return {};
  return absl::StrSplit(std::string(csv), ',');
}

// Comma-separated verbs, groups, resources, URLs and names; "" leaves a field
// empty, except that a resource rule with groups "" is for the core group.
inline PolicyRule MakeRule(std::string_view verbs, std::string_view groups,
                           std::string_view resources, std::string_view urls = "",
                           std::string_view names = "") {
  PolicyRule rule;
  for (const auto& v : SplitList(verbs)) rule.add_verbs(v);
  for (const auto& v : SplitList(groups)) rule.add_apigroups(v);
  if (groups.empty() && !resources.empty()) rule.add_apigroups("");
  for (const auto& v : SplitList(resources)) rule.add_resources(v);
  for (const auto& v : SplitList(urls)) rule.add_nonresourceurls(v);
  for (const auto& v : SplitList(names)) rule.add_resourcenames(v);
  return rule;
}

inline k8s::rbac::v1::ClusterRole MakeClusterRole(const std::string& name,
                                                  std::vector<PolicyRule> rules) {
  k8s::rbac::v1::ClusterRole role;
  role.mutable_metadata()->set_name(name);
  for (auto& rule : rules) *role.add_rules() = std::move(rule);
  return role;
}

inline k8s::rbac::v1::Role MakeNamespacedRole(const std::string& ns, const std::string& name,
                                              std::vector<PolicyRule> rules) {
  k8s::rbac::v1::Role role;
  role.mutable_metadata()->set_name(name);
  role.mutable_metadata()->set_namespace_(ns);
  for (auto& rule : rules) *role.add_rules() = std::move(rule);
  return role;
}

// "User:alice", "Group:admins", "ServiceAccount:ns:name" or "ServiceAccount::name"
// (no namespace).
inline Subject MakeSubject(std::string_view text) {
  std::vector<std::string> parts = absl::StrSplit(std::string(text), absl::MaxSplits(':', 1));
  Subject subject;
  subject.set_kind(parts[0]);
  if (parts[0] == kServiceAccountKind) {
    std::vector<std::string> ns_name = absl::StrSplit(parts[1], absl::MaxSplits(':', 1));
    subject.set_namespace_(ns_name[0]);
    subject.set_name(ns_name[1]);
  } else {
    subject.set_apigroup(kGroupName);
    subject.set_name(parts[1]);
  }
  return subject;
}

inline k8s::rbac::v1::ClusterRoleBinding MakeClusterRoleBinding(
    const std::string& name, const std::string& role, const std::vector<std::string>& subjects) {
  k8s::rbac::v1::ClusterRoleBinding binding;
  binding.mutable_metadata()->set_name(name);
  binding.mutable_roleref()->set_apigroup(kGroupName);
  binding.mutable_roleref()->set_kind("ClusterRole");
  binding.mutable_roleref()->set_name(role);
  for (const auto& subject : subjects) *binding.add_subjects() = MakeSubject(subject);
  return binding;
}

// `role_kind` is "Role" or "ClusterRole".
inline k8s::rbac::v1::RoleBinding MakeRoleBinding(const std::string& ns, const std::string& name,
                                                  const std::string& role_kind,
                                                  const std::string& role,
                                                  const std::vector<std::string>& subjects) {
  k8s::rbac::v1::RoleBinding binding;
  binding.mutable_metadata()->set_name(name);
  binding.mutable_metadata()->set_namespace_(ns);
  binding.mutable_roleref()->set_apigroup(kGroupName);
  binding.mutable_roleref()->set_kind(role_kind);
  binding.mutable_roleref()->set_name(role);
  for (const auto& subject : subjects) *binding.add_subjects() = MakeSubject(subject);
  return binding;
}

inline auth::UserInfo MakeUser(const std::string& name, std::string_view groups = "") {
  auth::UserInfo user;
  user.name = name;
  user.groups = SplitList(groups);
  return user;
}

// A resource request; `user` must outlive the attributes.
inline auth::Attributes ResourceRequest(const auth::UserInfo& user, std::string verb,
                                                 std::string group, std::string resource,
                                                 std::string subresource, std::string ns,
                                                 std::string name = "") {
  auth::Attributes attributes;
  attributes.user = &user;
  attributes.verb = std::move(verb);
  attributes.resource_request = true;
  attributes.api_group = std::move(group);
  attributes.resource = std::move(resource);
  attributes.subresource = std::move(subresource);
  attributes.namespace_ = std::move(ns);
  attributes.name = std::move(name);
  return attributes;
}

inline auth::Attributes PathRequest(const auth::UserInfo& user, std::string verb,
                                             std::string path) {
  auth::Attributes attributes;
  attributes.user = &user;
  attributes.verb = std::move(verb);
  attributes.path = std::move(path);
  return attributes;
}

}  // namespace kube::apiserver::rbac::testing
