#include "apiserver/registry/admissionregistration/rule_validation.h"

#include <algorithm>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "apiserver/registry/apps/label_selector_validation.h"
#include "apiserver/registry/core/field_path.h"
#include "common/validation/names.h"

namespace kube::apiserver::admissionregistration {
namespace {

using core::Child;
using core::Index;
using google::protobuf::RepeatedPtrField;
using k8s::admissionregistration::v1::MatchCondition;
using k8s::admissionregistration::v1::MatchResources;
using k8s::admissionregistration::v1::NamedRuleWithOperations;
using k8s::admissionregistration::v1::Rule;
using k8s::admissionregistration::v1::RuleWithOperations;

constexpr int kMaxMatchConditions = 64;

bool HasWildcard(const RepeatedPtrField<std::string>& values) {
  return std::find(values.begin(), values.end(), "*") != values.end();
}

// Go's %#v of a []OperationType.
std::string OperationsValue(const RepeatedPtrField<std::string>& operations) {
  constexpr std::string_view kStringSlice = "[]string";
  return "[]admissionregistration.OperationType" +
         core::GoStringSlice(operations).substr(kStringSlice.size());
}

// validateResources: subresources allowed, wildcards must not overlap.
void ValidateResources(const RepeatedPtrField<std::string>& resources, const std::string& path,
                       api::FieldErrors& errors) {
  if (resources.empty()) errors.push_back(api::Required(path));
  std::set<std::string> with_wildcard_subresource;  // x/*
  std::set<std::string> subresource_of_wildcard;    // */x
  bool double_wildcard = false;
  bool single_wildcard = false;
  bool without_subresource = false;
  for (int i = 0; i < resources.size(); ++i) {
    const std::string& entry = resources.Get(i);
    if (entry.empty()) {
      errors.push_back(api::Required(Index(path, i)));
      continue;
    }
    if (entry == "*/*") double_wildcard = true;
    if (entry == "*") single_wildcard = true;
    const size_t slash = entry.find('/');
    if (slash == std::string::npos) {
      without_subresource = entry != "*";
      continue;
    }
    const std::string resource = entry.substr(0, slash);
    const std::string subresource = entry.substr(slash + 1);
    if (with_wildcard_subresource.count(resource) > 0) {
      errors.push_back(api::Invalid(
          Index(path, i), entry, "if '" + resource + "/*' is present, must not specify " + entry));
    }
    if (subresource_of_wildcard.count(subresource) > 0) {
      errors.push_back(
          api::Invalid(Index(path, i), entry,
                       "if '*/" + subresource + "' is present, must not specify " + entry));
    }
    if (subresource == "*") with_wildcard_subresource.insert(resource);
    if (resource == "*") subresource_of_wildcard.insert(subresource);
  }
  if (resources.size() > 1 && double_wildcard) {
    errors.push_back(
        core::InvalidRendered(path, core::GoStringSlice(resources),
                              "if '*/*' is present, must not specify other resources"));
  }
  if (single_wildcard && without_subresource) {
    errors.push_back(core::InvalidRendered(
        path, core::GoStringSlice(resources),
        "if '*' is present, must not specify other resources without subresources"));
  }
}

void ValidateRule(const Rule& rule, const std::string& path, api::FieldErrors& errors) {
  const std::string groups = Child(path, "apiGroups");
  if (rule.apigroups().empty()) errors.push_back(api::Required(groups));
  if (rule.apigroups_size() > 1 && HasWildcard(rule.apigroups())) {
    errors.push_back(core::InvalidRendered(groups, core::GoStringSlice(rule.apigroups()),
                                           "if '*' is present, must not specify other API groups"));
  }
  const std::string versions = Child(path, "apiVersions");
  if (rule.apiversions().empty()) errors.push_back(api::Required(versions));
  if (rule.apiversions_size() > 1 && HasWildcard(rule.apiversions())) {
    errors.push_back(
        core::InvalidRendered(versions, core::GoStringSlice(rule.apiversions()),
                              "if '*' is present, must not specify other API versions"));
  }
  for (int i = 0; i < rule.apiversions_size(); ++i) {
    if (rule.apiversions(i).empty()) errors.push_back(api::Required(Index(versions, i)));
  }
  ValidateResources(rule.resources(), Child(path, "resources"), errors);
  static const std::vector<std::string> kScopes = {"*", "Cluster", "Namespaced"};
  if (rule.has_scope() && !Contains(kScopes, rule.scope())) {
    errors.push_back(api::NotSupported(Child(path, "scope"), rule.scope(), kScopes));
  }
}

void ValidateNamedRule(const NamedRuleWithOperations& rule, const std::string& path,
                       api::FieldErrors& errors) {
  std::set<std::string> names;
  const std::string names_path = Child(path, "resourceNames");
  for (int i = 0; i < rule.resourcenames_size(); ++i) {
    const std::string& name = rule.resourcenames(i);
    for (const std::string& message : validation::IsValidPathSegmentName(name)) {
      errors.push_back(api::Invalid(Index(names_path, i), name, message));
    }
    if (!names.insert(name).second) errors.push_back(api::Duplicate(Index(names_path, i), name));
  }
  ValidateRuleWithOperations(rule.rulewithoperations(), path, errors);
}

void DefaultNamedRules(RepeatedPtrField<NamedRuleWithOperations>& rules) {
  for (auto& rule : rules) DefaultRule(*rule.mutable_rulewithoperations()->mutable_rule());
}

}  // namespace

const std::vector<std::string>& FailurePolicies() {
  static const auto* const kPolicies = new std::vector<std::string>{"Fail", "Ignore"};
  return *kPolicies;
}

const std::vector<std::string>& MatchPolicies() {
  static const auto* const kPolicies = new std::vector<std::string>{"Equivalent", "Exact"};
  return *kPolicies;
}

bool Contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

void DefaultRule(Rule& rule) {
  if (!rule.has_scope()) rule.set_scope("*");
}

void DefaultMatchResources(MatchResources& match) {
  if (!match.has_matchpolicy()) match.set_matchpolicy("Equivalent");
  match.mutable_namespaceselector();
  match.mutable_objectselector();
  DefaultNamedRules(*match.mutable_resourcerules());
  DefaultNamedRules(*match.mutable_excluderesourcerules());
}

void ValidateRuleWithOperations(const RuleWithOperations& rule, const std::string& path,
                                api::FieldErrors& errors) {
  static const std::vector<std::string> kOperations = {"*", "CONNECT", "CREATE", "DELETE",
                                                       "UPDATE"};
  const std::string operations = Child(path, "operations");
  if (rule.operations().empty()) errors.push_back(api::Required(operations));
  if (rule.operations_size() > 1 && HasWildcard(rule.operations())) {
    errors.push_back(core::InvalidRendered(operations, OperationsValue(rule.operations()),
                                           "if '*' is present, must not specify other operations"));
  }
  for (int i = 0; i < rule.operations_size(); ++i) {
    if (!Contains(kOperations, rule.operations(i))) {
      errors.push_back(api::NotSupported(Index(operations, i), rule.operations(i), kOperations));
    }
  }
  ValidateRule(rule.rule(), path, errors);
}

void ValidateSelector(const k8s::meta::v1::LabelSelector& selector, const std::string& path,
                      api::FieldErrors& errors) {
  core::Append(errors, ValidateLabelSelector(selector, path));
}

void ValidateMatchResources(const MatchResources& match, const std::string& path,
                            api::FieldErrors& errors) {
  if (!match.has_matchpolicy()) {
    errors.push_back(api::Required(Child(path, "matchPolicy")));
  } else if (!Contains(MatchPolicies(), match.matchpolicy())) {
    errors.push_back(
        api::NotSupported(Child(path, "matchPolicy"), match.matchpolicy(), MatchPolicies()));
  }
  if (!match.has_namespaceselector()) {
    errors.push_back(api::Required(Child(path, "namespaceSelector")));
  } else {
    ValidateSelector(match.namespaceselector(), Child(path, "namespaceSelector"), errors);
  }
  if (!match.has_objectselector()) {
    errors.push_back(api::Required(Child(path, "objectSelector")));
  } else {
    ValidateSelector(match.objectselector(), Child(path, "objectSelector"), errors);
  }
  for (int i = 0; i < match.resourcerules_size(); ++i) {
    ValidateNamedRule(match.resourcerules(i), Index(Child(path, "resourceRules"), i), errors);
  }
  for (int i = 0; i < match.excluderesourcerules_size(); ++i) {
    ValidateNamedRule(match.excluderesourcerules(i), Index(Child(path, "excludeResourceRules"), i),
                      errors);
  }
}

void ValidateMatchConditions(const RepeatedPtrField<MatchCondition>& conditions,
                             const std::string& path, api::FieldErrors& errors) {
  if (conditions.size() > kMaxMatchConditions) {
    errors.push_back(api::TooMany(path, conditions.size(), kMaxMatchConditions));
  }
  std::set<std::string> names;
  for (int i = 0; i < conditions.size(); ++i) {
    const MatchCondition& condition = conditions.Get(i);
    const std::string at = Index(path, i);
    if (absl::StripAsciiWhitespace(condition.expression()).empty()) {
      errors.push_back(api::Required(Child(at, "expression")));
    }
    if (condition.name().empty()) {
      errors.push_back(api::Required(Child(at, "name")));
    } else {
      for (const std::string& message : validation::IsQualifiedName(condition.name())) {
        errors.push_back(api::Invalid(Child(at, "name"), condition.name(), message));
      }
      if (!names.insert(condition.name()).second) {
        errors.push_back(api::Duplicate(Child(at, "name"), condition.name()));
      }
    }
  }
}

}  // namespace kube::apiserver::admissionregistration
