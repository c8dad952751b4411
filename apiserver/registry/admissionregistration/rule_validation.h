#pragma once

#include <string>

#include "common/api/field_error.h"
#include "k8s/admissionregistration/v1/admissionregistration.pb.h"

// The parts of upstream's admissionregistration validation that webhooks and
// policies share: rules, match resources and match conditions. Match condition
// expressions are CEL; they are stored as given, not compiled.
namespace kube::apiserver::admissionregistration {

// SetDefaults_Rule: scope "*".
void DefaultRule(k8s::admissionregistration::v1::Rule& rule);
// SetDefaults_MatchResources: matchPolicy Equivalent, empty selectors, rule scopes.
void DefaultMatchResources(k8s::admissionregistration::v1::MatchResources& match);

// validateRuleWithOperations (subresources allowed), under `path` ("webhooks[0].rules[1]").
void ValidateRuleWithOperations(const k8s::admissionregistration::v1::RuleWithOperations& rule,
                                const std::string& path, api::FieldErrors& errors);
// validateMatchResources: matchPolicy and both selectors required, every rule valid.
void ValidateMatchResources(const k8s::admissionregistration::v1::MatchResources& match,
                            const std::string& path, api::FieldErrors& errors);
// validateMatchConditions: at most 64, names qualified and unique, expressions given.
void ValidateMatchConditions(const google::protobuf::RepeatedPtrField<
                                 k8s::admissionregistration::v1::MatchCondition>& conditions,
                             const std::string& path, api::FieldErrors& errors);
// A label selector, strictly validated (as every selector of this group).
void ValidateSelector(const k8s::meta::v1::LabelSelector& selector, const std::string& path,
                      api::FieldErrors& errors);

// The failurePolicy values: "Fail", "Ignore" (sorted, as upstream lists them).
const std::vector<std::string>& FailurePolicies();
// The matchPolicy values: "Equivalent", "Exact".
const std::vector<std::string>& MatchPolicies();
bool Contains(const std::vector<std::string>& values, const std::string& value);

}  // namespace kube::apiserver::admissionregistration
