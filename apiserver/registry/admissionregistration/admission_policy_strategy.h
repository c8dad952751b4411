#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver {

// admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy (upstream
// pkg/registry/admissionregistration/validatingadmissionpolicy), with a status
// subresource. Its expressions are stored as given: no CEL type checking fills
// status.typeChecking.
class ValidatingAdmissionPolicyStrategy : public Strategy {
 public:
  void Default(google::protobuf::Message& object) const override;
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  api::FieldErrors ValidateStatusUpdate(const google::protobuf::Message& object,
                                        const google::protobuf::Message& old) const override;
};

// ValidatingAdmissionPolicyBinding. Upstream also checks that the requester may
// read the policy and the parameters it names; that is not done here.
class ValidatingAdmissionPolicyBindingStrategy : public Strategy {
 public:
  void Default(google::protobuf::Message& object) const override;
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
};

}  // namespace kube::apiserver
