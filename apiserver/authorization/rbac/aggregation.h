#pragma once

// The pure part of upstream's clusterrole-aggregation controller
// (pkg/controller/clusterroleaggregation): which rules an aggregated
// ClusterRole should hold given every ClusterRole. The controller-manager loop
// reads its cache, calls AggregatedRules for each role with an aggregation rule
// and writes the role when RulesEqual says it changed. Thread-safe.

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "k8s/rbac/v1/rbac.pb.h"

namespace kube::apiserver::rbac {

using ClusterRolePtrs = std::vector<std::shared_ptr<const k8s::rbac::v1::ClusterRole>>;

// One sync of `target` (which must have an aggregation rule): for each selector
// in order, the roles it selects sorted by name (`target` itself skipped), each
// of their rules appended unless an equal rule is already there. Selectors are
// label selectors; an invalid one is an InvalidArgument error.
absl::StatusOr<std::vector<k8s::rbac::v1::PolicyRule>> AggregatedRules(
    const k8s::rbac::v1::ClusterRole& target, const ClusterRolePtrs& all);

// Whether the rules are the same, in the same order (the controller skips the
// write then).
bool RulesEqual(const google::protobuf::RepeatedPtrField<k8s::rbac::v1::PolicyRule>& a,
                const std::vector<k8s::rbac::v1::PolicyRule>& b);

// What repeated syncs of every aggregated role converge to: roles aggregate
// roles that aggregate others (admin <- edit <- view), so one pass is not
// enough. Returns `roles` with the aggregated roles' rules filled in; gives up
// with Internal after as many rounds as there are roles (a cycle that never
// settles cannot happen, since rules only accumulate).
absl::StatusOr<std::vector<k8s::rbac::v1::ClusterRole>> AggregateAll(
    std::vector<k8s::rbac::v1::ClusterRole> roles);

}  // namespace kube::apiserver::rbac
