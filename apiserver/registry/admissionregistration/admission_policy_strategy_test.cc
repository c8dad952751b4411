#include "apiserver/registry/admissionregistration/admission_policy_strategy.h"

#include <catch2/catch.hpp>

#include "apiserver/registry/apps/apps_test_util.h"
#include "k8s/admissionregistration/v1/admissionregistration.pb.h"

namespace kube::apiserver {
namespace {

using k8s::admissionregistration::v1::ValidatingAdmissionPolicy;
using k8s::admissionregistration::v1::ValidatingAdmissionPolicyBinding;
using testing::Describe;
using testing::HasError;
using testing::Parse;

TEST_CASE("ValidatingAdmissionPolicy defaults; CEL is stored, not compiled") {
  ValidatingAdmissionPolicyStrategy strategy;
  auto policy = Parse<ValidatingAdmissionPolicy>(R"(
    metadata { name: "replica-limit" }
    spec {
      paramKind { apiVersion: "rules.example.com/v1" kind: "ReplicaLimit" }
      matchConstraints { resourceRules { ruleWithOperations {
        operations: "CREATE" rule { apiGroups: "apps" apiVersions: "v1" resources: "deployments" } } } }
      validations { expression: "object.spec.replicas <= params.maxReplicas ((( not CEL" }
    })");
  strategy.Default(policy);
  CHECK(policy.spec().failurepolicy() == "Fail");
  const auto& match = policy.spec().matchconstraints();
  CHECK(match.matchpolicy() == "Equivalent");
  CHECK(match.has_namespaceselector());
  CHECK(match.has_objectselector());
  CHECK(match.resourcerules(0).rulewithoperations().rule().scope() == "*");
  INFO(Describe(strategy.Validate(policy)));
  CHECK(strategy.Validate(policy).empty());
}

TEST_CASE("ValidatingAdmissionPolicy validation names the field as upstream") {
  ValidatingAdmissionPolicyStrategy strategy;
  auto policy = Parse<ValidatingAdmissionPolicy>(R"(
    metadata { name: "p" }
    spec { failurePolicy: "Sometimes" paramKind { apiVersion: "a/b/c" }
           variables { name: "in" expression: " " } })");
  const api::FieldErrors errors = strategy.Validate(policy);
  INFO(Describe(errors));
  CHECK(HasError(errors,
                 "spec.failurePolicy: Unsupported value: \"Sometimes\": supported "
                 "values: \"Fail\", \"Ignore\""));
  CHECK(HasError(errors,
                 "spec.paramKind.apiVersion: Invalid value: \"a/b/c\": unexpected "
                 "GroupVersion string: a/b/c"));
  CHECK(HasError(errors, "spec.paramKind.kind: Required value"));
  CHECK(HasError(errors, "spec.matchConstraints: Required value"));
  CHECK(HasError(errors,
                 "spec.variables[0].name: Invalid value: \"in\": name is not a valid "
                 "CEL identifier"));
  CHECK(HasError(errors,
                 "spec.variables[0].expression: Required value: expression is not "
                 "specified"));
  CHECK(HasError(errors,
                 "spec.validations: Required value: validations or auditAnnotations "
                 "must contain at least one item"));
  CHECK(HasError(errors,
                 "spec.auditAnnotations: Required value: validations or "
                 "auditAnnotations must contain at least one item"));

  auto unmatched = Parse<ValidatingAdmissionPolicy>(R"(
    metadata { name: "p" }
    spec { matchConstraints { } auditAnnotations { key: "k" valueExpression: "'v'" }
           auditAnnotations { key: "k" valueExpression: "" } })");
  strategy.Default(unmatched);
  const api::FieldErrors more = strategy.Validate(unmatched);
  INFO(Describe(more));
  CHECK(HasError(more, "spec.matchConstraints.resourceRules: Required value"));
  CHECK(HasError(more, "spec.auditAnnotations[1].key: Duplicate value: \"k\""));
  CHECK(HasError(more,
                 "spec.auditAnnotations[1].valueExpression: Required value: "
                 "valueExpression is not specified"));
}

TEST_CASE("ValidatingAdmissionPolicyBinding validation") {
  ValidatingAdmissionPolicyBindingStrategy strategy;
  auto binding = Parse<ValidatingAdmissionPolicyBinding>(R"(
    metadata { name: "b" }
    spec { policyName: "replica-limit" validationActions: "Deny"
           paramRef { name: "limits" namespace: "default" parameterNotFoundAction: "Deny" }
           matchResources { } })");
  strategy.Default(binding);
  CHECK(binding.spec().matchresources().matchpolicy() == "Equivalent");
  CHECK(strategy.Validate(binding).empty());

  auto bad = Parse<ValidatingAdmissionPolicyBinding>(R"(
    spec { validationActions: "Deny" validationActions: "Warn"
           paramRef { name: "x" selector { } parameterNotFoundAction: "Maybe" } })");
  const api::FieldErrors errors = strategy.Validate(bad);
  INFO(Describe(errors));
  CHECK(HasError(errors, "spec.policyName: Required value"));
  CHECK(HasError(errors,
                 "spec.paramRef.name: Forbidden: name and selector are mutually "
                 "exclusive"));
  CHECK(HasError(errors,
                 "spec.paramRef.parameterNotFoundAction: Unsupported value: \"Maybe\": "
                 "supported values: \"Deny\", \"Allow\""));
  CHECK(HasError(errors,
                 "spec.validationActions: Invalid value: "
                 "[]admissionregistration.ValidationAction{\"Deny\", \"Warn\"}: must not "
                 "contain both Deny and Warn (repeating the same validation failure "
                 "information in the API response and headers serves no purpose)"));
  auto none = Parse<ValidatingAdmissionPolicyBinding>("spec { policyName: 'p' }");
  CHECK(HasError(strategy.Validate(none),
                 "spec.validationActions: Required value: at least one validation action is "
                 "required"));
}

}  // namespace
}  // namespace kube::apiserver
