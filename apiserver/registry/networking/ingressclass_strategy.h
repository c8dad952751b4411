#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver {

// networking.k8s.io/v1 IngressClass (upstream pkg/registry/networking/ingressclass),
// cluster-scoped. The controller is fixed once created.
class IngressClassStrategy : public Strategy {
 public:
  // parameters.scope defaults to Cluster.
  void Default(google::protobuf::Message& object) const override;
  // controller: a domain-prefixed path of at most 250 bytes; parameters a valid
  // reference whose namespace matches its scope.
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  // controller is immutable.
  api::FieldErrors ValidateUpdate(const google::protobuf::Message& object,
                                  const google::protobuf::Message& old) const override;
};

}  // namespace kube::apiserver
