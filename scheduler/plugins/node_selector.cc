#include "scheduler/plugins/node_selector.h"

#include "common/util/strings.h"

namespace kube::scheduler::plugins {
namespace {

absl::StatusOr<selectors::Operator> NodeSelectorOperator(const std::string& name) {
  if (name == "In") return selectors::Operator::kIn;
  if (name == "NotIn") return selectors::Operator::kNotIn;
  if (name == "Exists") return selectors::Operator::kExists;
  if (name == "DoesNotExist") return selectors::Operator::kDoesNotExist;
  if (name == "Gt") return selectors::Operator::kGreaterThan;
  if (name == "Lt") return selectors::Operator::kLessThan;
  return absl::InvalidArgumentError(StrCat("\"", name, "\" is not a valid node selector operator"));
}

}  // namespace

absl::StatusOr<NodeSelectorTermMatcher> NodeSelectorTermMatcher::Compile(
    const k8s::core::v1::NodeSelectorTerm& term) {
  NodeSelectorTermMatcher matcher;
  for (const auto& expression : term.matchexpressions()) {
    absl::StatusOr<selectors::Operator> op = NodeSelectorOperator(expression.operator_());
    if (!op.ok()) return op.status();
    absl::StatusOr<selectors::Requirement> requirement = selectors::Requirement::Create(
        expression.key(), *op, {expression.values().begin(), expression.values().end()});
    if (!requirement.ok()) return requirement.status();
    matcher.labels_.push_back(std::move(*requirement));
  }
  for (const auto& field : term.matchfields()) {
    if (field.key() != "metadata.name") {
      return absl::InvalidArgumentError(
          StrCat("\"", field.key(), "\" is not a valid field selector key"));
    }
    if (field.operator_() != "In" && field.operator_() != "NotIn") {
      return absl::InvalidArgumentError(
          StrCat("\"", field.operator_(), "\" is not a valid node field selector operator"));
    }
    if (field.values_size() != 1) {
      return absl::InvalidArgumentError(StrCat("unexpected number of value (", field.values_size(),
                                               ") for node field selector operator \"",
                                               field.operator_(), "\""));
    }
    matcher.names_.push_back({field.operator_() == "In", field.values(0)});
  }
  matcher.never_ = matcher.labels_.empty() && matcher.names_.empty();
  return matcher;
}

bool NodeSelectorTermMatcher::Matches(const k8s::core::v1::Node& node) const {
  if (never_) return false;
  const auto& labels = node.metadata().labels();
  for (const selectors::Requirement& requirement : labels_) {
    if (!requirement.Matches(labels)) return false;
  }
  for (const NameField& name : names_) {
    if ((node.metadata().name() == name.value) != name.in) return false;
  }
  return true;
}

NodeSelectorMatcher::NodeSelectorMatcher(const k8s::core::v1::NodeSelector& selector) {
  for (const auto& term : selector.nodeselectorterms()) {
    absl::StatusOr<NodeSelectorTermMatcher> matcher = NodeSelectorTermMatcher::Compile(term);
    terms_.push_back(matcher.ok() ? std::move(*matcher) : NodeSelectorTermMatcher::Never());
  }
}

bool NodeSelectorMatcher::Matches(const k8s::core::v1::Node& node) const {
  for (const NodeSelectorTermMatcher& term : terms_) {
    if (term.Matches(node)) return true;
  }
  return false;
}

}  // namespace kube::scheduler::plugins
