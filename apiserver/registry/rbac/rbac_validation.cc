#include "apiserver/registry/rbac/rbac_validation.h"

#include <vector>

#include "apiserver/registry/apps/go_format.h"
#include "apiserver/registry/apps/label_selector_validation.h"
#include "common/util/strings.h"
#include "common/validation/names.h"

namespace kube::apiserver::rbac_registry {
namespace {

using k8s::rbac::v1::PolicyRule;
using k8s::rbac::v1::RoleRef;
using k8s::rbac::v1::Subject;

constexpr char kGroupName[] = "rbac.authorization.k8s.io";

// Go's %#v of a []string: []string{"/a", "/b"}.
std::string GoStringSlice(const google::protobuf::RepeatedPtrField<std::string>& values) {
  std::vector<std::string> quoted;
  for (const std::string& value : values) quoted.push_back(api::QuoteValue(value));
  return StrCat("[]string{", StrJoin(quoted, ", "), "}");
}

// Go's %#v of the internal rbac.RoleRef.
std::string GoRoleRef(const RoleRef& ref) {
  return StrCat("rbac.RoleRef{APIGroup:", api::QuoteValue(ref.apigroup()),
                ", Kind:", api::QuoteValue(ref.kind()), ", Name:", api::QuoteValue(ref.name()),
                "}");
}

void ValidateRoleRef(const RoleRef& ref, const std::vector<std::string>& kinds,
                     api::FieldErrors& errors) {
  if (ref.apigroup() != kGroupName) {
    errors.push_back(api::NotSupported("roleRef.apiGroup", ref.apigroup(), {kGroupName}));
  }
  bool kind_ok = false;
  for (const std::string& kind : kinds) kind_ok = kind_ok || ref.kind() == kind;
  if (!kind_ok) errors.push_back(api::NotSupported("roleRef.kind", ref.kind(), kinds));
  if (ref.name().empty()) {
    errors.push_back(api::Required("roleRef.name"));
  } else {
    for (const std::string& message : validation::IsValidPathSegmentName(ref.name())) {
      errors.push_back(api::Invalid("roleRef.name", ref.name(), message));
    }
  }
}

template <typename Binding>
api::FieldErrors ValidateBinding(const Binding& binding, const std::vector<std::string>& kinds,
                                 bool namespaced) {
  api::FieldErrors errors;
  ValidateRoleRef(binding.roleref(), kinds, errors);
  for (int i = 0; i < binding.subjects_size(); ++i) {
    for (auto& error :
         ValidateSubject(binding.subjects(i), namespaced, StrCat("subjects[", i, "]"))) {
      errors.push_back(std::move(error));
    }
  }
  return errors;
}

template <typename RoleT>
void ValidateRules(const RoleT& role, bool namespaced, api::FieldErrors& errors) {
  for (int i = 0; i < role.rules_size(); ++i) {
    for (auto& error : ValidatePolicyRule(role.rules(i), namespaced, StrCat("rules[", i, "]"))) {
      errors.push_back(std::move(error));
    }
  }
}

}  // namespace

api::FieldErrors ValidatePolicyRule(const PolicyRule& rule, bool namespaced,
                                    const std::string& path) {
  api::FieldErrors errors;
  if (rule.verbs().empty()) {
    errors.push_back(api::Required(path + ".verbs", "verbs must contain at least one value"));
  }
  if (!rule.nonresourceurls().empty()) {
    const std::string urls = GoStringSlice(rule.nonresourceurls());
    if (namespaced) {
      errors.push_back(InvalidRendered(path + ".nonResourceURLs", urls,
                                       "namespaced rules cannot apply to non-resource URLs"));
    }
    if (!rule.apigroups().empty() || !rule.resources().empty() ||
        !rule.resourcenames().empty()) {
      errors.push_back(
          InvalidRendered(path + ".nonResourceURLs", urls,
                          "rules cannot apply to both regular resources and non-resource URLs"));
    }
    return errors;
  }
  if (rule.apigroups().empty()) {
    errors.push_back(
        api::Required(path + ".apiGroups", "resource rules must supply at least one api group"));
  }
  if (rule.resources().empty()) {
    errors.push_back(
        api::Required(path + ".resources", "resource rules must supply at least one resource"));
  }
  return errors;
}

api::FieldErrors ValidateSubject(const Subject& subject, bool namespaced, const std::string& path) {
  api::FieldErrors errors;
  if (subject.name().empty()) errors.push_back(api::Required(path + ".name"));
  const std::string& kind = subject.kind();
  if (kind == "ServiceAccount") {
    if (!subject.name().empty()) {
      for (const std::string& message : validation::IsDns1123Subdomain(subject.name())) {
        errors.push_back(api::Invalid(path + ".name", subject.name(), message));
      }
    }
    if (!subject.apigroup().empty()) {
      errors.push_back(api::NotSupported(path + ".apiGroup", subject.apigroup(), {""}));
    }
    if (!namespaced && subject.namespace_().empty()) {
      errors.push_back(api::Required(path + ".namespace"));
    }
  } else if (kind == "User" || kind == "Group") {
    if (subject.apigroup() != kGroupName) {
      errors.push_back(api::NotSupported(path + ".apiGroup", subject.apigroup(), {kGroupName}));
    }
  } else {
    errors.push_back(
        api::NotSupported(path + ".kind", kind, {"ServiceAccount", "User", "Group"}));
  }
  return errors;
}

api::FieldErrors ValidateRole(const k8s::rbac::v1::Role& role) {
  api::FieldErrors errors;
  ValidateRules(role, /*namespaced=*/true, errors);
  return errors;
}

api::FieldErrors ValidateClusterRole(const k8s::rbac::v1::ClusterRole& role) {
  api::FieldErrors errors;
  ValidateRules(role, /*namespaced=*/false, errors);
  if (!role.has_aggregationrule()) return errors;
  const auto& selectors = role.aggregationrule().clusterroleselectors();
  if (selectors.empty()) {
    errors.push_back(
        api::Required("aggregationRule.clusterRoleSelectors",
                      "at least one clusterRoleSelector required if aggregationRule is non-nil"));
  }
  for (int i = 0; i < selectors.size(); ++i) {
    const std::string path = StrCat("aggregationRule.clusterRoleSelectors[", i, "]");
    for (auto& error : ValidateLabelSelector(selectors.Get(i), path)) {
      errors.push_back(std::move(error));
    }
    // Upstream reports the failed conversion too, its nil selector printing as "null".
    if (!SelectorConverts(&selectors.Get(i))) {
      errors.push_back(api::Invalid(path, "null", "invalid label selector."));
    }
  }
  return errors;
}

api::FieldErrors ValidateRoleBinding(const k8s::rbac::v1::RoleBinding& binding) {
  return ValidateBinding(binding, {"Role", "ClusterRole"}, /*namespaced=*/true);
}

api::FieldErrors ValidateClusterRoleBinding(const k8s::rbac::v1::ClusterRoleBinding& binding) {
  return ValidateBinding(binding, {"ClusterRole"}, /*namespaced=*/false);
}

api::FieldErrors ValidateRoleRefUnchanged(const RoleRef& updated, const RoleRef& old) {
  if (updated.apigroup() == old.apigroup() && updated.kind() == old.kind() &&
      updated.name() == old.name()) {
    return {};
  }
  return {InvalidRendered("roleRef", GoRoleRef(updated), "cannot change roleRef")};
}

void DefaultRoleRef(RoleRef& ref) {
  if (ref.apigroup().empty()) ref.set_apigroup(kGroupName);
}

void DefaultSubject(Subject& subject) {
  if (!subject.apigroup().empty()) return;
  if (subject.kind() == "User" || subject.kind() == "Group") subject.set_apigroup(kGroupName);
}

}  // namespace kube::apiserver::rbac_registry
