#include "apiserver/registry/admissionregistration/policy_validation.h"

#include <regex>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "apiserver/registry/admissionregistration/rule_validation.h"
#include "apiserver/registry/core/field_path.h"
#include "common/util/strings.h"
#include "common/validation/names.h"

namespace kube::apiserver::admissionregistration {
namespace {

using core::Child;
using core::Index;
using k8s::admissionregistration::v1::AuditAnnotation;
using k8s::admissionregistration::v1::ParamKind;
using k8s::admissionregistration::v1::ParamRef;
using k8s::admissionregistration::v1::ValidatingAdmissionPolicy;
using k8s::admissionregistration::v1::ValidatingAdmissionPolicyBinding;
using k8s::admissionregistration::v1::ValidatingAdmissionPolicySpec;
using k8s::admissionregistration::v1::ValidatingAdmissionPolicyStatus;
using k8s::admissionregistration::v1::Validation;
using k8s::admissionregistration::v1::Variable;

constexpr size_t kMaxAuditAnnotations = 20;
constexpr size_t kMaxValueExpressionLength = 5 * 1024;
constexpr size_t kMaxConditionMessageLength = 32768;

bool Blank(const std::string& value) { return absl::StripAsciiWhitespace(value).empty(); }

// isCELIdentifier: [_a-zA-Z][_a-zA-Z0-9]* and not a reserved word.
bool IsCelIdentifier(const std::string& name) {
  static const std::regex kIdentifier("[_a-zA-Z][_a-zA-Z0-9]*");
  static const std::set<std::string> kReserved = {
      "true",     "false",   "null",      "in",       "as",  "break",  "const",
      "continue", "else",    "for",       "function", "if",  "import", "let",
      "loop",     "package", "namespace", "return",   "var", "void",   "while"};
  return std::regex_match(name, kIdentifier) && kReserved.count(name) == 0;
}

void ValidateParamKind(const ParamKind& kind, const std::string& path, api::FieldErrors& errors) {
  const std::string version_path = Child(path, "apiVersion");
  const std::string& api_version = kind.apiversion();
  if (api_version.empty()) {
    errors.push_back(api::Required(version_path));
  } else if (std::count(api_version.begin(), api_version.end(), '/') > 1) {
    errors.push_back(
        api::Invalid(version_path, api_version, "unexpected GroupVersion string: " + api_version));
  } else if (api_version != "/") {
    const size_t slash = api_version.find('/');
    const std::string group = slash == std::string::npos ? "" : api_version.substr(0, slash);
    const std::string version =
        slash == std::string::npos ? api_version : api_version.substr(slash + 1);
    if (!group.empty()) {
      if (auto messages = validation::IsDns1123Subdomain(group); !messages.empty()) {
        errors.push_back(api::Invalid(version_path, group, absl::StrJoin(messages, ",")));
      }
    }
    if (version.empty()) {
      errors.push_back(api::Invalid(version_path, api_version, "version must be specified"));
    } else if (auto messages = validation::IsDns1035Label(version); !messages.empty()) {
      errors.push_back(api::Invalid(version_path, version, absl::StrJoin(messages, ",")));
    }
  }
  if (kind.kind().empty()) {
    errors.push_back(api::Required(Child(path, "kind")));
  } else if (auto messages = validation::IsDns1035Label(absl::AsciiStrToLower(kind.kind()));
             !messages.empty()) {
    errors.push_back(api::Invalid(
        Child(path, "kind"), kind.kind(),
        "may have mixed case, but should otherwise match: " + absl::StrJoin(messages, ",")));
  }
}

void ValidateVariable(const Variable& variable, const std::string& path, api::FieldErrors& errors) {
  if (Blank(variable.name())) {
    errors.push_back(api::Required(Child(path, "name"), "name is not specified"));
  } else if (!IsCelIdentifier(variable.name())) {
    errors.push_back(
        api::Invalid(Child(path, "name"), variable.name(), "name is not a valid CEL identifier"));
  }
  if (Blank(variable.expression())) {
    errors.push_back(api::Required(Child(path, "expression"), "expression is not specified"));
  }
}

void ValidateValidation(const Validation& validation, const std::string& path,
                        api::FieldErrors& errors) {
  if (Blank(validation.expression())) {
    errors.push_back(api::Required(Child(path, "expression"), "expression is not specified"));
  }
  if (!validation.messageexpression().empty() && Blank(validation.messageexpression())) {
    errors.push_back(api::Invalid(Child(path, "messageExpression"), validation.messageexpression(),
                                  "must be non-empty if specified"));
  }
  const std::string trimmed(absl::StripAsciiWhitespace(validation.message()));
  if (!validation.message().empty() && trimmed.empty()) {
    errors.push_back(api::Invalid(Child(path, "message"), validation.message(),
                                  "message must be non-empty if specified"));
  } else if (trimmed.find_first_of("\r\n") != std::string::npos) {
    errors.push_back(api::Invalid(Child(path, "message"), validation.message(),
                                  "message must not contain line breaks"));
  }
  static const std::vector<std::string> kReasons = {"Forbidden", "Invalid",
                                                    "RequestEntityTooLarge"};
  if (validation.has_reason() && !Contains(kReasons, validation.reason())) {
    errors.push_back(api::NotSupported(Child(path, "reason"), validation.reason(), kReasons));
  }
}

void ValidateAuditAnnotation(const std::string& policy_name, const AuditAnnotation& annotation,
                             const std::string& path, api::FieldErrors& errors) {
  if (!policy_name.empty()) {
    const std::string qualified = policy_name + "/" + annotation.key();
    for (const std::string& message : validation::IsQualifiedName(qualified)) {
      errors.push_back(api::Invalid(Child(path, "key"), qualified, message));
    }
  } else {
    errors.push_back(
        api::Invalid(Child(path, "key"), annotation.key(), "requires metadata.name be non-empty"));
  }
  const std::string trimmed(absl::StripAsciiWhitespace(annotation.valueexpression()));
  if (trimmed.empty()) {
    errors.push_back(
        api::Required(Child(path, "valueExpression"), "valueExpression is not specified"));
  } else if (trimmed.size() > kMaxValueExpressionLength) {
    // Upstream reports this as a Required error too.
    errors.push_back(
        api::Required(Child(path, "valueExpression"),
                      StrCat("must not exceed ", kMaxValueExpressionLength, " bytes in length")));
  }
}

void ValidateSpec(const std::string& name, const ValidatingAdmissionPolicySpec& spec,
                  api::FieldErrors& errors) {
  const std::string path = "spec";
  if (!spec.has_failurepolicy()) {
    errors.push_back(api::Required(Child(path, "failurePolicy")));
  } else if (!Contains(FailurePolicies(), spec.failurepolicy())) {
    errors.push_back(
        api::NotSupported(Child(path, "failurePolicy"), spec.failurepolicy(), FailurePolicies()));
  }
  if (spec.has_paramkind()) ValidateParamKind(spec.paramkind(), Child(path, "paramKind"), errors);
  if (!spec.has_matchconstraints()) {
    errors.push_back(api::Required(Child(path, "matchConstraints")));
  } else {
    ValidateMatchResources(spec.matchconstraints(), Child(path, "matchConstraints"), errors);
    // The resource rules give the policy its types.
    if (spec.matchconstraints().resourcerules().empty()) {
      errors.push_back(api::Required(Child(Child(path, "matchConstraints"), "resourceRules")));
    }
  }
  ValidateMatchConditions(spec.matchconditions(), Child(path, "matchConditions"), errors);
  for (int i = 0; i < spec.variables_size(); ++i) {
    ValidateVariable(spec.variables(i), Index(Child(path, "variables"), i), errors);
  }
  if (spec.validations().empty() && spec.auditannotations().empty()) {
    constexpr char kOneOf[] = "validations or auditAnnotations must contain at least one item";
    errors.push_back(api::Required(Child(path, "validations"), kOneOf));
    errors.push_back(api::Required(Child(path, "auditAnnotations"), kOneOf));
    return;
  }
  for (int i = 0; i < spec.validations_size(); ++i) {
    ValidateValidation(spec.validations(i), Index(Child(path, "validations"), i), errors);
  }
  if (static_cast<size_t>(spec.auditannotations_size()) > kMaxAuditAnnotations) {
    errors.push_back(core::InvalidRendered(
        Child(path, "auditAnnotations"), "[]admissionregistration.AuditAnnotation{...}",
        StrCat("must not have more than ", kMaxAuditAnnotations, " auditAnnotations")));
  }
  std::set<std::string> keys;
  for (int i = 0; i < spec.auditannotations_size(); ++i) {
    const AuditAnnotation& annotation = spec.auditannotations(i);
    const std::string at = Index(Child(path, "auditAnnotations"), i);
    ValidateAuditAnnotation(name, annotation, at, errors);
    if (!keys.insert(annotation.key()).second) {
      errors.push_back(api::Duplicate(Child(at, "key"), annotation.key()));
    }
  }
}

void ValidateParamRef(const ParamRef& ref, const std::string& path, api::FieldErrors& errors) {
  constexpr char kExclusive[] = "name and selector are mutually exclusive";
  if (!ref.name().empty()) {
    for (const std::string& message : validation::IsValidPathSegmentName(ref.name())) {
      errors.push_back(api::Invalid(Child(path, "name"), ref.name(), message));
    }
    if (ref.has_selector()) errors.push_back(api::Forbidden(Child(path, "name"), kExclusive));
  }
  if (ref.has_selector()) {
    ValidateSelector(ref.selector(), Child(path, "selector"), errors);
    if (!ref.name().empty()) errors.push_back(api::Forbidden(Child(path, "selector"), kExclusive));
  }
  if (ref.name().empty() && !ref.has_selector()) {
    errors.push_back(api::Required(path, "one of name or selector must be specified"));
  }
  static const std::vector<std::string> kActions = {"Deny", "Allow"};
  if (ref.parameternotfoundaction().empty()) {
    errors.push_back(api::Required(Child(path, "parameterNotFoundAction")));
  } else if (!Contains(kActions, ref.parameternotfoundaction())) {
    errors.push_back(api::NotSupported(Child(path, "parameterNotFoundAction"),
                                       ref.parameternotfoundaction(), kActions));
  }
}

void ValidateActions(const google::protobuf::RepeatedPtrField<std::string>& actions,
                     const std::string& path, api::FieldErrors& errors) {
  static const std::vector<std::string> kActions = {"Audit", "Deny", "Warn"};
  std::set<std::string> seen;
  for (int i = 0; i < actions.size(); ++i) {
    if (!Contains(kActions, actions.Get(i))) {
      errors.push_back(api::NotSupported(Index(path, i), actions.Get(i), kActions));
    }
    if (!seen.insert(actions.Get(i)).second) {
      errors.push_back(api::Duplicate(Index(path, i), actions.Get(i)));
    }
  }
  if (seen.count("Deny") > 0 && seen.count("Warn") > 0) {
    errors.push_back(core::InvalidRendered(
        path,
        "[]admissionregistration.ValidationAction" +
            core::GoStringSlice(actions).substr(std::string_view("[]string").size()),
        "must not contain both Deny and Warn (repeating the same validation failure "
        "information in the API response and headers serves no purpose)"));
  }
  if (seen.empty()) {
    errors.push_back(api::Required(path, "at least one validation action is required"));
  }
}

// metav1validation.ValidateConditions.
void ValidateConditions(const google::protobuf::RepeatedPtrField<k8s::meta::v1::Condition>& list,
                        const std::string& path, api::FieldErrors& errors) {
  static const std::regex kReason("[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?");
  static const std::vector<std::string> kStatuses = {"True", "False", "Unknown"};
  std::set<std::string> types;
  for (int i = 0; i < list.size(); ++i) {
    const k8s::meta::v1::Condition& condition = list.Get(i);
    const std::string at = Index(path, i);
    for (const std::string& message : validation::IsQualifiedName(condition.type())) {
      errors.push_back(api::Invalid(Child(at, "type"), condition.type(), message));
    }
    if (!types.insert(condition.type()).second) {
      errors.push_back(api::Duplicate(Child(at, "type"), condition.type()));
    }
    if (!Contains(kStatuses, condition.status())) {
      errors.push_back(api::NotSupported(Child(at, "status"), condition.status(), kStatuses));
    }
    if (condition.observedgeneration() < 0) {
      errors.push_back(api::InvalidNumber(Child(at, "observedGeneration"),
                                          condition.observedgeneration(),
                                          "must be greater than or equal to zero"));
    }
    if (condition.lasttransitiontime().seconds() == 0) {
      errors.push_back(api::Required(Child(at, "lastTransitionTime"), "must be set"));
    }
    if (condition.reason().empty()) {
      errors.push_back(api::Required(Child(at, "reason"), "must be set"));
    } else if (!std::regex_match(condition.reason(), kReason)) {
      errors.push_back(api::Invalid(
          Child(at, "reason"), condition.reason(),
          "a condition reason must start with alphabetic character, optionally followed by a "
          "string of alphanumeric characters or '_,:', and must end with an alphanumeric "
          "character or '_' (e.g. 'my_name',  or 'MY_NAME',  or 'MyName',  or "
          "'ReasonA,ReasonB',  or 'ReasonA:ReasonB', regex used for validation is "
          "'[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?')"));
    }
    if (condition.message().size() > kMaxConditionMessageLength) {
      errors.push_back(api::TooLong(Child(at, "message"), "", kMaxConditionMessageLength));
    }
  }
}

}  // namespace

void DefaultPolicy(ValidatingAdmissionPolicy& policy) {
  ValidatingAdmissionPolicySpec& spec = *policy.mutable_spec();
  if (!spec.has_failurepolicy()) spec.set_failurepolicy("Fail");
  if (spec.has_matchconstraints()) DefaultMatchResources(*spec.mutable_matchconstraints());
}

void DefaultBinding(ValidatingAdmissionPolicyBinding& binding) {
  if (binding.spec().has_matchresources()) {
    DefaultMatchResources(*binding.mutable_spec()->mutable_matchresources());
  }
}

api::FieldErrors ValidatePolicy(const ValidatingAdmissionPolicy& policy) {
  api::FieldErrors errors;
  ValidateSpec(policy.metadata().name(), policy.spec(), errors);
  return errors;
}

api::FieldErrors ValidatePolicyStatus(const ValidatingAdmissionPolicyStatus& status) {
  api::FieldErrors errors;
  const std::string warnings = "status.typeChecking.expressionWarnings";
  for (int i = 0; i < status.typechecking().expressionwarnings_size(); ++i) {
    const auto& warning = status.typechecking().expressionwarnings(i);
    if (warning.warning().empty()) {
      errors.push_back(api::Required(Child(Index(warnings, i), "warning")));
    }
    if (Blank(warning.fieldref())) {
      errors.push_back(api::Required(Child(Index(warnings, i), "fieldRef")));
    }
  }
  ValidateConditions(status.conditions(), "status.conditions", errors);
  return errors;
}

api::FieldErrors ValidateBinding(const ValidatingAdmissionPolicyBinding& binding) {
  api::FieldErrors errors;
  const auto& spec = binding.spec();
  if (spec.policyname().empty()) {
    errors.push_back(api::Required("spec.policyName"));
  } else {
    for (const std::string& message : validation::IsDns1123Subdomain(spec.policyname())) {
      errors.push_back(api::Invalid("spec.policyName", spec.policyname(), message));
    }
  }
  if (spec.has_paramref()) ValidateParamRef(spec.paramref(), "spec.paramRef", errors);
  // Upstream's path has this spelling.
  if (spec.has_matchresources()) {
    ValidateMatchResources(spec.matchresources(), "spec.matchResouces", errors);
  }
  ValidateActions(spec.validationactions(), "spec.validationActions", errors);
  return errors;
}

}  // namespace kube::apiserver::admissionregistration
