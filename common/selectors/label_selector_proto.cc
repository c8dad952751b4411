#include "common/selectors/label_selector_proto.h"

#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/selectors/go_errors.h"

namespace kube::selectors {

absl::StatusOr<Operator> ParseLabelSelectorOperator(std::string_view name) {
  if (name == "In") return Operator::kIn;
  if (name == "NotIn") return Operator::kNotIn;
  if (name == "Exists") return Operator::kExists;
  if (name == "DoesNotExist") return Operator::kDoesNotExist;
  return absl::InvalidArgumentError(
      absl::StrCat(internal::GoQuote(name), " is not a valid label selector operator"));
}

absl::StatusOr<LabelSelector> LabelSelectorFromProto(const k8s::meta::v1::LabelSelector* selector) {
  if (selector == nullptr) return LabelSelector::Nothing();
  const std::map<std::string, std::string> match_labels(selector->matchlabels().begin(),
                                                        selector->matchlabels().end());
  std::vector<Requirement> expressions;
  expressions.reserve(selector->matchexpressions_size());
  for (const k8s::meta::v1::LabelSelectorRequirement& e : selector->matchexpressions()) {
    absl::StatusOr<Operator> op = ParseLabelSelectorOperator(e.operator_());
    if (!op.ok()) {
      // Upstream reports bad matchLabels before a bad operator.
      if (auto labels_only = LabelSelector::FromRequirements(match_labels, {}); !labels_only.ok()) {
        return labels_only.status();
      }
      return op.status();
    }
    expressions.push_back(Requirement{e.key(), *op, {e.values().begin(), e.values().end()}});
  }
  return LabelSelector::FromRequirements(match_labels, expressions);
}

}  // namespace kube::selectors
