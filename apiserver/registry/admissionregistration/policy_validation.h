#pragma once

#include "common/api/field_error.h"
#include "k8s/admissionregistration/v1/admissionregistration.pb.h"

// Upstream's defaults and validation of ValidatingAdmissionPolicy and
// ValidatingAdmissionPolicyBinding (pkg/apis/admissionregistration). The CEL
// expressions (validations, variables, audit annotations, match conditions) are
// checked for presence only: they are stored, not compiled or evaluated.
namespace kube::apiserver::admissionregistration {

// failurePolicy Fail; matchConstraints defaulted as MatchResources.
void DefaultPolicy(k8s::admissionregistration::v1::ValidatingAdmissionPolicy& policy);
// matchResources defaulted as MatchResources.
void DefaultBinding(k8s::admissionregistration::v1::ValidatingAdmissionPolicyBinding& binding);

// failurePolicy, paramKind, matchConstraints (with resourceRules) required,
// validations or auditAnnotations required, names and keys as upstream.
api::FieldErrors ValidatePolicy(
    const k8s::admissionregistration::v1::ValidatingAdmissionPolicy& policy);
// typeChecking warnings and the conditions of status.
api::FieldErrors ValidatePolicyStatus(
    const k8s::admissionregistration::v1::ValidatingAdmissionPolicyStatus& status);
// policyName required, paramRef name xor selector with parameterNotFoundAction,
// matchResources, validationActions.
api::FieldErrors ValidateBinding(
    const k8s::admissionregistration::v1::ValidatingAdmissionPolicyBinding& binding);

}  // namespace kube::apiserver::admissionregistration
