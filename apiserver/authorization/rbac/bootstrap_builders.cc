#include "apiserver/authorization/rbac/bootstrap_builders.h"

#include <algorithm>
#include <cstdlib>

#include "apiserver/authorization/rbac/bootstrap_policy.h"
#include "apiserver/authorization/rbac/rule_matching.h"

namespace kube::apiserver::rbac::bootstrap {
namespace {

using k8s::rbac::v1::ClusterRole;
using k8s::rbac::v1::ClusterRoleBinding;
using k8s::rbac::v1::PolicyRule;
using k8s::rbac::v1::Role;
using k8s::rbac::v1::RoleBinding;
using k8s::rbac::v1::Subject;

// sets.NewString(values...).List(): sorted, without repeats.
void SetSorted(const List& values, google::protobuf::RepeatedPtrField<std::string>* out) {
  std::vector<std::string> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  out->Assign(sorted.begin(), sorted.end());
}

void AddDefaultMetadata(k8s::meta::v1::ObjectMeta& meta) {
  (*meta.mutable_labels())[kBootstrappingLabel] = kBootstrappingLabelValue;
  (*meta.mutable_annotations())[kAutoUpdateAnnotation] = "true";
}

}  // namespace

PolicyRule Rule(const List& verbs, const List& groups, const List& resources, const List& names) {
  // RuleOrDie: a resource rule needs verbs, groups and resources. A mistake here
  // is a typo in the static policy, never input.
  if (verbs.empty() || groups.empty() || resources.empty()) std::abort();
  PolicyRule rule;
  SetSorted(verbs, rule.mutable_verbs());
  SetSorted(groups, rule.mutable_apigroups());
  SetSorted(resources, rule.mutable_resources());
  SetSorted(names, rule.mutable_resourcenames());
  return rule;
}

PolicyRule UrlRule(const List& verbs, const List& urls) {
  if (verbs.empty() || urls.empty()) std::abort();
  PolicyRule rule;
  SetSorted(verbs, rule.mutable_verbs());
  SetSorted(urls, rule.mutable_nonresourceurls());
  return rule;
}

PolicyRule EventsRule() {
  return Rule({"create", "update", "patch"}, {kLegacyGroup, kEventsGroup}, {"events"});
}

ClusterRole MakeClusterRole(std::string name, std::vector<PolicyRule> rules,
                            const Labels& labels) {
  ClusterRole role;
  role.mutable_metadata()->set_name(std::move(name));
  for (const auto& [key, value] : labels) (*role.mutable_metadata()->mutable_labels())[key] = value;
  AddDefaultMetadata(*role.mutable_metadata());
  role.mutable_rules()->Assign(rules.begin(), rules.end());
  return role;
}

ClusterRole MakeAggregatedClusterRole(std::string name, std::string_view select_label,
                                      const Labels& labels) {
  ClusterRole role = MakeClusterRole(std::move(name), {}, labels);
  auto* selector = role.mutable_aggregationrule()->add_clusterroleselectors();
  (*selector->mutable_matchlabels())[std::string(select_label)] = "true";
  return role;
}

Role MakeRole(std::string ns, std::string name, std::vector<PolicyRule> rules) {
  Role role;
  role.mutable_metadata()->set_name(std::move(name));
  role.mutable_metadata()->set_namespace_(std::move(ns));
  AddDefaultMetadata(*role.mutable_metadata());
  role.mutable_rules()->Assign(rules.begin(), rules.end());
  return role;
}

Subject User(std::string_view name) {
  Subject subject;
  subject.set_kind(kUserKind);
  subject.set_apigroup(kGroupName);
  subject.set_name(std::string(name));
  return subject;
}

Subject Group(std::string_view name) {
  Subject subject;
  subject.set_kind(kGroupKind);
  subject.set_apigroup(kGroupName);
  subject.set_name(std::string(name));
  return subject;
}

Subject ServiceAccount(std::string_view ns, std::string_view name) {
  Subject subject;
  subject.set_kind(kServiceAccountKind);
  subject.set_namespace_(std::string(ns));
  subject.set_name(std::string(name));
  return subject;
}

ClusterRoleBinding MakeClusterRoleBinding(std::string role, std::vector<Subject> subjects) {
  ClusterRoleBinding binding;
  binding.mutable_metadata()->set_name(role);
  AddDefaultMetadata(*binding.mutable_metadata());
  binding.mutable_roleref()->set_apigroup(kGroupName);
  binding.mutable_roleref()->set_kind("ClusterRole");
  binding.mutable_roleref()->set_name(std::move(role));
  binding.mutable_subjects()->Assign(subjects.begin(), subjects.end());
  return binding;
}

RoleBinding MakeRoleBinding(std::string ns, std::string role, std::vector<Subject> subjects) {
  RoleBinding binding;
  binding.mutable_metadata()->set_name(role);
  binding.mutable_metadata()->set_namespace_(std::move(ns));
  AddDefaultMetadata(*binding.mutable_metadata());
  binding.mutable_roleref()->set_apigroup(kGroupName);
  binding.mutable_roleref()->set_kind("Role");
  binding.mutable_roleref()->set_name(std::move(role));
  binding.mutable_subjects()->Assign(subjects.begin(), subjects.end());
  return binding;
}

}  // namespace kube::apiserver::rbac::bootstrap
