#include "common/selectors/label_selector.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/selectors/go_errors.h"
#include "common/selectors/label_parser.h"

namespace kube::selectors {
namespace {

void SortByKey(std::vector<Requirement>& requirements) {
  std::stable_sort(requirements.begin(), requirements.end(),
                   [](const Requirement& a, const Requirement& b) { return a.key < b.key; });
}

}  // namespace

absl::StatusOr<LabelSelector> LabelSelector::Parse(std::string_view selector) {
  absl::StatusOr<std::vector<Requirement>> requirements =
      internal::ParseLabelRequirements(selector);
  if (!requirements.ok()) return requirements.status();
  return LabelSelector(*std::move(requirements), false);
}

LabelSelector LabelSelector::FromMatchLabels(const std::map<std::string, std::string>& labels) {
  std::vector<Requirement> requirements;
  requirements.reserve(labels.size());
  for (const auto& [key, value] : labels) {
    requirements.push_back(Requirement{key, Operator::kEquals, {value}});
  }
  return LabelSelector(std::move(requirements), false);  // std::map is already by key
}

absl::StatusOr<LabelSelector> LabelSelector::FromRequirements(
    const std::map<std::string, std::string>& match_labels,
    const std::vector<Requirement>& match_expressions) {
  std::vector<Requirement> requirements;
  requirements.reserve(match_labels.size() + match_expressions.size());
  for (const auto& [key, value] : match_labels) {
    absl::StatusOr<Requirement> r = Requirement::Create(key, Operator::kEquals, {value});
    if (!r.ok()) return r.status();
    requirements.push_back(*std::move(r));
  }
  for (const Requirement& expression : match_expressions) {
    switch (expression.op) {
      case Operator::kIn:
      case Operator::kNotIn:
      case Operator::kExists:
      case Operator::kDoesNotExist:
        break;
      default:
        return absl::InvalidArgumentError(
            absl::StrCat(internal::GoQuote(OperatorName(expression.op)),
                         " is not a valid label selector operator"));
    }
    absl::StatusOr<Requirement> r =
        Requirement::Create(expression.key, expression.op, expression.values);
    if (!r.ok()) return r.status();
    requirements.push_back(*std::move(r));
  }
  SortByKey(requirements);
  return LabelSelector(std::move(requirements), false);
}

LabelSelector LabelSelector::Nothing() { return LabelSelector({}, true); }

std::string LabelSelector::ToString() const {
  std::string out;
  for (const Requirement& r : requirements_) {
    if (!out.empty()) out += ",";
    out += r.ToString();
  }
  return out;
}

std::optional<std::string> LabelSelector::RequiresExactMatch(std::string_view key) const {
  for (const Requirement& r : requirements_) {
    if (r.key != key) continue;
    const bool exact =
        r.op == Operator::kEquals || r.op == Operator::kDoubleEquals || r.op == Operator::kIn;
    if (exact && r.values.size() == 1) return r.values[0];
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace kube::selectors
