#include "apiserver/authorization/rbac/reconcile.h"

#include <google/protobuf/util/message_differencer.h>

#include "apiserver/authorization/rbac/bootstrap_policy.h"
#include "apiserver/authorization/rbac/covers.h"

namespace kube::apiserver::rbac {
namespace {

using google::protobuf::util::MessageDifferencer;
using k8s::meta::v1::LabelSelector;
using k8s::rbac::v1::AggregationRule;
using k8s::rbac::v1::ClusterRole;
using k8s::rbac::v1::ClusterRoleBinding;
using k8s::rbac::v1::PolicyRule;
using k8s::rbac::v1::Role;
using k8s::rbac::v1::RoleBinding;
using k8s::rbac::v1::Subject;
using StringMap = google::protobuf::Map<std::string, std::string>;

bool IsProtected(const k8s::meta::v1::ObjectMeta& meta) {
  auto it = meta.annotations().find(kAutoUpdateAnnotation);
  return it != meta.annotations().end() && it->second == "false";
}

bool SameMap(const StringMap& a, const StringMap& b) {
  if (a.size() != b.size()) return false;
  for (const auto& [key, value] : a) {
    auto it = b.find(key);
    if (it == b.end() || it->second != value) return false;
  }
  return true;
}

// Adds the expected keys the stored map lacks (stored values win). Returns
// whether anything changed.
bool MergeInto(const StringMap& expected, StringMap& stored) {
  const StringMap before = stored;
  for (const auto& [key, value] : expected) stored.try_emplace(key, value);
  return !SameMap(before, stored);
}

// Merges labels and annotations of `expected` into `result`; true if it changed.
bool MergeMetadata(const k8s::meta::v1::ObjectMeta& expected, k8s::meta::v1::ObjectMeta& result) {
  const bool annotations = MergeInto(expected.annotations(), *result.mutable_annotations());
  const bool labels = MergeInto(expected.labels(), *result.mutable_labels());
  return annotations || labels;
}

Rules ToRules(const google::protobuf::RepeatedPtrField<PolicyRule>& rules) {
  return Rules(rules.begin(), rules.end());
}

// aggregationRuleCovers: the servant's selectors no owner selector equals.
std::vector<LabelSelector> UncoveredSelectors(const AggregationRule* owner,
                                              const AggregationRule* servant) {
  if (servant == nullptr) return {};
  if (owner == nullptr) {
    return {servant->clusterroleselectors().begin(), servant->clusterroleselectors().end()};
  }
  std::vector<LabelSelector> uncovered;
  for (const LabelSelector& wanted : servant->clusterroleselectors()) {
    bool covered = false;
    for (const LabelSelector& held : owner->clusterroleselectors()) {
      if (MessageDifferencer::Equals(held, wanted)) {
        covered = true;
        break;
      }
    }
    if (!covered) uncovered.push_back(wanted);
  }
  return uncovered;
}

// The rule part of computeReconciledRole, shared by Roles and ClusterRoles.
// `both_aggregated`: the stored rules are the aggregation controller's.
template <typename T>
void ReconcileRules(const T& existing, const T& expected, bool remove_extra,
                    bool both_aggregated, RoleReconciliation<T>& result) {
  const Rules existing_rules = ToRules(existing.rules());
  const Rules expected_rules = ToRules(expected.rules());
  if (!both_aggregated) result.extra_rules = UncoveredRules(expected_rules, existing_rules);
  result.missing_rules = UncoveredRules(existing_rules, expected_rules);
  if (!remove_extra && !result.missing_rules.empty()) {
    for (const PolicyRule& rule : result.missing_rules) *result.object.add_rules() = rule;
    result.operation = ReconcileOperation::kUpdate;
  } else if (remove_extra && (!result.missing_rules.empty() || !result.extra_rules.empty())) {
    *result.object.mutable_rules() = expected.rules();
    result.operation = ReconcileOperation::kUpdate;
  }
}

template <typename T>
RoleReconciliation<T> StartRole(const T& existing, const T& expected) {
  RoleReconciliation<T> result;
  result.is_protected = IsProtected(existing.metadata());
  result.object = existing;
  if (MergeMetadata(expected.metadata(), *result.object.mutable_metadata())) {
    result.operation = ReconcileOperation::kUpdate;
  }
  return result;
}

template <typename T>
BindingReconciliation<T> ReconcileBinding(const T* existing, const T& expected,
                                          bool remove_extra_subjects) {
  BindingReconciliation<T> result;
  if (existing == nullptr) {
    result.operation = ReconcileOperation::kCreate;
    result.object = expected;
    result.missing_subjects.assign(expected.subjects().begin(), expected.subjects().end());
    return result;
  }
  result.is_protected = IsProtected(existing->metadata());
  // roleRef is immutable: a different one can only be had by recreating.
  if (!MessageDifferencer::Equals(existing->roleref(), expected.roleref())) {
    result.operation = ReconcileOperation::kRecreate;
    result.object = expected;
    return result;
  }
  result.object = *existing;
  if (MergeMetadata(expected.metadata(), *result.object.mutable_metadata())) {
    result.operation = ReconcileOperation::kUpdate;
  }
  // diffSubjectLists: each side's subjects the other lacks, without repeats.
  const auto contains = [](const auto& list, const Subject& subject) {
    for (const Subject& item : list) {
      if (MessageDifferencer::Equals(item, subject)) return true;
    }
    return false;
  };
  for (const Subject& subject : expected.subjects()) {
    if (!contains(existing->subjects(), subject) && !contains(result.missing_subjects, subject)) {
      result.missing_subjects.push_back(subject);
    }
  }
  for (const Subject& subject : existing->subjects()) {
    if (!contains(expected.subjects(), subject) && !contains(result.extra_subjects, subject)) {
      result.extra_subjects.push_back(subject);
    }
  }
  if (!remove_extra_subjects && !result.missing_subjects.empty()) {
    for (const Subject& subject : result.missing_subjects) *result.object.add_subjects() = subject;
    result.operation = ReconcileOperation::kUpdate;
  } else if (remove_extra_subjects &&
             (!result.missing_subjects.empty() || !result.extra_subjects.empty())) {
    *result.object.mutable_subjects() = expected.subjects();
    result.operation = ReconcileOperation::kUpdate;
  }
  return result;
}

}  // namespace

RoleReconciliation<ClusterRole> ReconcileClusterRole(const ClusterRole* existing,
                                                     const ClusterRole& expected,
                                                     bool remove_extra_permissions) {
  if (existing == nullptr) {
    RoleReconciliation<ClusterRole> result;
    result.operation = ReconcileOperation::kCreate;
    result.object = expected;
    result.missing_rules = ToRules(expected.rules());
    if (expected.has_aggregationrule()) {
      const auto& selectors = expected.aggregationrule().clusterroleselectors();
      result.missing_selectors.assign(selectors.begin(), selectors.end());
    }
    return result;
  }
  RoleReconciliation<ClusterRole> result = StartRole(*existing, expected);
  const AggregationRule* existing_rule =
      existing->has_aggregationrule() ? &existing->aggregationrule() : nullptr;
  const AggregationRule* expected_rule =
      expected.has_aggregationrule() ? &expected.aggregationrule() : nullptr;
  ReconcileRules(*existing, expected, remove_extra_permissions,
                 existing_rule != nullptr && expected_rule != nullptr, result);

  result.extra_selectors = UncoveredSelectors(expected_rule, existing_rule);
  result.missing_selectors = UncoveredSelectors(existing_rule, expected_rule);
  if (expected_rule == nullptr && existing_rule != nullptr) {
    // The policy no longer aggregates this role.
    result.object.clear_aggregationrule();
    result.operation = ReconcileOperation::kUpdate;
  } else if (!remove_extra_permissions && !result.missing_selectors.empty()) {
    auto* rule = result.object.mutable_aggregationrule();
    for (const LabelSelector& selector : result.missing_selectors) {
      *rule->add_clusterroleselectors() = selector;
    }
    result.operation = ReconcileOperation::kUpdate;
  } else if (remove_extra_permissions &&
             (!result.missing_selectors.empty() || !result.extra_selectors.empty())) {
    if (expected_rule != nullptr) {
      *result.object.mutable_aggregationrule() = *expected_rule;
    } else {
      result.object.clear_aggregationrule();
    }
    result.operation = ReconcileOperation::kUpdate;
  }
  return result;
}

RoleReconciliation<Role> ReconcileRole(const Role* existing, const Role& expected,
                                       bool remove_extra_permissions) {
  if (existing == nullptr) {
    RoleReconciliation<Role> result;
    result.operation = ReconcileOperation::kCreate;
    result.object = expected;
    result.missing_rules = ToRules(expected.rules());
    return result;
  }
  RoleReconciliation<Role> result = StartRole(*existing, expected);
  ReconcileRules(*existing, expected, remove_extra_permissions, false, result);
  return result;
}

BindingReconciliation<ClusterRoleBinding> ReconcileClusterRoleBinding(
    const ClusterRoleBinding* existing, const ClusterRoleBinding& expected,
    bool remove_extra_subjects) {
  return ReconcileBinding(existing, expected, remove_extra_subjects);
}

BindingReconciliation<RoleBinding> ReconcileRoleBinding(const RoleBinding* existing,
                                                        const RoleBinding& expected,
                                                        bool remove_extra_subjects) {
  return ReconcileBinding(existing, expected, remove_extra_subjects);
}

}  // namespace kube::apiserver::rbac
