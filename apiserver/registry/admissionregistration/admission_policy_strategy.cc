#include "apiserver/registry/admissionregistration/admission_policy_strategy.h"

#include "apiserver/registry/admissionregistration/policy_validation.h"
#include "k8s/admissionregistration/v1/admissionregistration.pb.h"

namespace kube::apiserver {

using k8s::admissionregistration::v1::ValidatingAdmissionPolicy;
using k8s::admissionregistration::v1::ValidatingAdmissionPolicyBinding;

void ValidatingAdmissionPolicyStrategy::Default(google::protobuf::Message& object) const {
  admissionregistration::DefaultPolicy(static_cast<ValidatingAdmissionPolicy&>(object));
}

api::FieldErrors ValidatingAdmissionPolicyStrategy::Validate(
    const google::protobuf::Message& object) const {
  return admissionregistration::ValidatePolicy(
      static_cast<const ValidatingAdmissionPolicy&>(object));
}

api::FieldErrors ValidatingAdmissionPolicyStrategy::ValidateStatusUpdate(
    const google::protobuf::Message& object, const google::protobuf::Message& old) const {
  return admissionregistration::ValidatePolicyStatus(
      static_cast<const ValidatingAdmissionPolicy&>(object).status());
}

void ValidatingAdmissionPolicyBindingStrategy::Default(google::protobuf::Message& object) const {
  admissionregistration::DefaultBinding(static_cast<ValidatingAdmissionPolicyBinding&>(object));
}

api::FieldErrors ValidatingAdmissionPolicyBindingStrategy::Validate(
    const google::protobuf::Message& object) const {
  return admissionregistration::ValidateBinding(
      static_cast<const ValidatingAdmissionPolicyBinding&>(object));
}

}  // namespace kube::apiserver
