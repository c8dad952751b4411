#include "apiserver/authorization/rbac/aggregation.h"

#include <algorithm>

#include <google/protobuf/util/message_differencer.h>

#include "absl/status/status.h"
#include "common/selectors/label_selector_proto.h"
#include "common/util/strings.h"

namespace kube::apiserver::rbac {
namespace {

using google::protobuf::util::MessageDifferencer;
using k8s::rbac::v1::ClusterRole;
using k8s::rbac::v1::PolicyRule;

bool ContainsRule(const std::vector<PolicyRule>& rules, const PolicyRule& rule) {
  for (const PolicyRule& held : rules) {
    if (MessageDifferencer::Equals(held, rule)) return true;
  }
  return false;
}

}  // namespace

absl::StatusOr<std::vector<PolicyRule>> AggregatedRules(const ClusterRole& target,
                                                       const ClusterRolePtrs& all) {
  std::vector<PolicyRule> rules;
  for (const auto& selector_proto : target.aggregationrule().clusterroleselectors()) {
    auto selector = selectors::LabelSelectorFromProto(&selector_proto);
    if (!selector.ok()) return selector.status();
    ClusterRolePtrs selected;
    for (const auto& role : all) {
      if (role->metadata().name() == target.metadata().name()) continue;
      if (selector->Matches(role->metadata().labels())) selected.push_back(role);
    }
    std::sort(selected.begin(), selected.end(), [](const auto& a, const auto& b) {
      return a->metadata().name() < b->metadata().name();
    });
    for (const auto& role : selected) {
      for (const PolicyRule& rule : role->rules()) {
        if (!ContainsRule(rules, rule)) rules.push_back(rule);
      }
    }
  }
  return rules;
}

bool RulesEqual(const google::protobuf::RepeatedPtrField<PolicyRule>& a,
                const std::vector<PolicyRule>& b) {
  if (static_cast<size_t>(a.size()) != b.size()) return false;
  for (size_t i = 0; i < b.size(); ++i) {
    if (!MessageDifferencer::Equals(a.Get(static_cast<int>(i)), b[i])) return false;
  }
  return true;
}

absl::StatusOr<std::vector<ClusterRole>> AggregateAll(std::vector<ClusterRole> roles) {
  for (size_t round = 0; round <= roles.size(); ++round) {
    ClusterRolePtrs snapshot;
    snapshot.reserve(roles.size());
    for (const ClusterRole& role : roles) snapshot.push_back(std::make_shared<ClusterRole>(role));
    bool changed = false;
    for (ClusterRole& role : roles) {
      if (!role.has_aggregationrule()) continue;
      auto rules = AggregatedRules(role, snapshot);
      if (!rules.ok()) return rules.status();
      if (RulesEqual(role.rules(), *rules)) continue;
      role.mutable_rules()->Assign(rules->begin(), rules->end());
      changed = true;
    }
    if (!changed) return roles;
  }
  return absl::InternalError(
      StrCat("role aggregation did not settle after ", roles.size() + 1, " rounds"));
}

}  // namespace kube::apiserver::rbac
