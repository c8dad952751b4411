#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver {

// admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration (upstream
// pkg/registry/admissionregistration/validatingwebhookconfiguration): webhooks
// defaulted and validated; generation 1 on create, bumped when the webhooks change.
class ValidatingWebhookConfigurationStrategy : public Strategy {
 public:
  void Default(google::protobuf::Message& object) const override;
  void PrepareForCreate(google::protobuf::Message& object) const override;
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  bool NewGeneration(const google::protobuf::Message& object,
                     const google::protobuf::Message& old) const override;
};

// MutatingWebhookConfiguration: the same rules, plus reinvocationPolicy.
class MutatingWebhookConfigurationStrategy : public Strategy {
 public:
  void Default(google::protobuf::Message& object) const override;
  void PrepareForCreate(google::protobuf::Message& object) const override;
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  bool NewGeneration(const google::protobuf::Message& object,
                     const google::protobuf::Message& old) const override;
};

}  // namespace kube::apiserver
