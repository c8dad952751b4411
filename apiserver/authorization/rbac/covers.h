#pragma once

// Upstream's escalation checks (k8s.io/component-helpers/auth/rbac/validation
// policy_comparator.go and pkg/registry/rbac/validation): whether the rules a
// user holds cover the rules they try to grant, and the error text when not.
// Pure functions; safe from any thread.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "common/auth/user_info.h"
#include "k8s/rbac/v1/rbac.pb.h"

namespace kube::apiserver::rbac {

using Rules = std::vector<k8s::rbac::v1::PolicyRule>;

// Splits a rule into rules of one group, one resource, one verb and at most one
// resource name each, then one URL and one verb each for non-resource URLs.
Rules BreakdownRule(const k8s::rbac::v1::PolicyRule& rule);

// Whether `owner` (a rule of any shape) covers `subrule` (one of BreakdownRule's).
bool RuleCovers(const k8s::rbac::v1::PolicyRule& owner, const k8s::rbac::v1::PolicyRule& subrule);

// The broken-down pieces of `requested` that no rule of `owner` covers: empty
// when the owner holds everything requested (upstream Covers).
Rules UncoveredRules(const Rules& owner, const Rules& requested);
inline bool Covers(const Rules& owner, const Rules& requested) {
  return UncoveredRules(owner, requested).empty();
}

// Upstream CompactRules: rules of one group and one resource and nothing but
// verbs are merged into one rule per group/resource; others are kept as they are.
Rules CompactRules(const Rules& rules);

// The rule as escalation errors show it, fields without values left out:
//   {APIGroups:[""], Resources:["pods"], Verbs:["delete"]}
//   {APIGroups:[""], Resources:["secrets"], ResourceNames:["a"], Verbs:["get"]}
//   {NonResourceURLs:["/metrics"], Verbs:["get"]}
std::string CompactString(const k8s::rbac::v1::PolicyRule& rule);

// The text of ConfirmNoEscalation's error for `missing` (UncoveredRules):
//   user "u" (groups=["g1" "system:authenticated"]) is attempting to grant RBAC
//   permissions not currently held:
//   {APIGroups:[""], Resources:["pods"], Verbs:["delete"]}
// with the missing rules compacted, one per line, sorted and without repeats.
std::string EscalationMessage(const auth::UserInfo& user, const Rules& missing);

// OK when `owner` covers `requested`; otherwise PermissionDenied carrying
// EscalationMessage. The server wraps it as the 403 of the write:
// `roles.rbac.authorization.k8s.io "x" is forbidden: <message>`.
absl::Status ConfirmNoEscalation(const auth::UserInfo& user, const Rules& owner,
                                 const Rules& requested);

}  // namespace kube::apiserver::rbac
