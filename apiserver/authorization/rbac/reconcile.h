#pragma once

// Upstream's reconciliation of the bootstrap policy (pkg/registry/rbac/
// reconciliation): given what is stored (or nothing) and what the policy
// expects, what the apiserver must write at start. Pure functions; the caller
// reads, writes and retries on conflicts. Thread-safe.

#include <vector>

#include "k8s/meta/v1/meta.pb.h"
#include "k8s/rbac/v1/rbac.pb.h"

namespace kube::apiserver::rbac {

enum class ReconcileOperation {
  kNone,      // the stored object already has everything expected
  kCreate,    // nothing stored: create `object`
  kUpdate,    // update the stored object to `object` (its resourceVersion kept)
  kRecreate,  // the roleRef differs: delete the stored binding (by its UID) and
              // create `object`
};

// The outcome for a Role or ClusterRole.
template <typename T>
struct RoleReconciliation {
  ReconcileOperation operation = ReconcileOperation::kNone;
  // The stored object is annotated autoupdate=false: write nothing.
  bool is_protected = false;
  T object;  // what to write
  std::vector<k8s::rbac::v1::PolicyRule> missing_rules;  // expected, not held
  std::vector<k8s::rbac::v1::PolicyRule> extra_rules;    // held, not expected
  std::vector<k8s::meta::v1::LabelSelector> missing_selectors;  // ClusterRoles only
  std::vector<k8s::meta::v1::LabelSelector> extra_selectors;

  // Whether the caller has something to write.
  bool ShouldWrite() const { return !is_protected && operation != ReconcileOperation::kNone; }
};

// The outcome for a RoleBinding or ClusterRoleBinding.
template <typename T>
struct BindingReconciliation {
  ReconcileOperation operation = ReconcileOperation::kNone;
  bool is_protected = false;
  T object;
  std::vector<k8s::rbac::v1::Subject> missing_subjects;
  std::vector<k8s::rbac::v1::Subject> extra_subjects;

  bool ShouldWrite() const { return !is_protected && operation != ReconcileOperation::kNone; }
};

// `existing` is null when nothing is stored. Labels and annotations are merged
// (the stored values win); missing rules are added (or, with
// `remove_extra_permissions`, the rules are replaced by the expected ones).
// For an aggregated ClusterRole the stored rules belong to the aggregation
// controller: extra rules are not reported and the aggregation rule gains any
// missing selector (or is dropped when the policy no longer aggregates).
RoleReconciliation<k8s::rbac::v1::ClusterRole> ReconcileClusterRole(
    const k8s::rbac::v1::ClusterRole* existing, const k8s::rbac::v1::ClusterRole& expected,
    bool remove_extra_permissions = false);
RoleReconciliation<k8s::rbac::v1::Role> ReconcileRole(const k8s::rbac::v1::Role* existing,
                                                      const k8s::rbac::v1::Role& expected,
                                                      bool remove_extra_permissions = false);

// Labels and annotations merged, missing subjects appended (or, with
// `remove_extra_subjects`, the subjects replaced); a different roleRef (which
// is immutable) means kRecreate with the expected binding.
BindingReconciliation<k8s::rbac::v1::ClusterRoleBinding> ReconcileClusterRoleBinding(
    const k8s::rbac::v1::ClusterRoleBinding* existing,
    const k8s::rbac::v1::ClusterRoleBinding& expected, bool remove_extra_subjects = false);
BindingReconciliation<k8s::rbac::v1::RoleBinding> ReconcileRoleBinding(
    const k8s::rbac::v1::RoleBinding* existing, const k8s::rbac::v1::RoleBinding& expected,
    bool remove_extra_subjects = false);

}  // namespace kube::apiserver::rbac
