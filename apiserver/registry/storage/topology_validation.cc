#include "apiserver/registry/storage/topology_validation.h"

#include <map>
#include <set>
#include <vector>

#include "apiserver/registry/core/field_path.h"
#include "apiserver/registry/storage/storage_names.h"

namespace kube::apiserver::storage_rules {
namespace {

using core::Child;
using core::Index;
// A term as a set: key -> values.
using TermSet = std::map<std::string, std::set<std::string>>;

TermSet ValidateTerm(const k8s::core::v1::TopologySelectorTerm& term, const std::string& path,
                     api::FieldErrors& errors) {
  TermSet expressions;
  const std::string expressions_path = Child(path, "matchLabelExpressions");
  for (int i = 0; i < term.matchlabelexpressions_size(); ++i) {
    const auto& requirement = term.matchlabelexpressions(i);
    const std::string requirement_path = Index(expressions_path, i);
    const std::string values_path = Child(requirement_path, "values");
    if (requirement.values().empty()) errors.push_back(api::Required(values_path));
    std::set<std::string> values;
    for (int j = 0; j < requirement.values_size(); ++j) {
      if (!values.insert(requirement.values(j)).second) {
        errors.push_back(api::Duplicate(Index(values_path, j), requirement.values(j)));
      }
    }
    ValidateQualifiedName(requirement.key(), Child(requirement_path, "key"), errors);
    if (expressions.contains(requirement.key())) {
      errors.push_back(api::Duplicate(Child(requirement_path, "key"), requirement.key()));
    }
    expressions[requirement.key()] = std::move(values);
  }
  return expressions;
}

}  // namespace

void ValidateAllowedTopologies(
    const google::protobuf::RepeatedPtrField<k8s::core::v1::TopologySelectorTerm>& terms,
    const std::string& path, api::FieldErrors& errors) {
  std::vector<TermSet> seen;
  for (int i = 0; i < terms.size(); ++i) {
    const std::string term_path = Index(path, i);
    TermSet expressions = ValidateTerm(terms[i], term_path, errors);
    // Upstream compares against a list that starts with one empty placeholder
    // per term, so a term without expressions is always reported as a
    // duplicate.
    int duplicates = expressions.empty() ? terms.size() : 0;
    for (const TermSet& earlier : seen) duplicates += earlier == expressions ? 1 : 0;
    for (int d = 0; d < duplicates; ++d) {
      errors.push_back(api::Duplicate(Child(term_path, "matchLabelExpressions"), ""));
    }
    seen.push_back(std::move(expressions));
  }
}

}  // namespace kube::apiserver::storage_rules
