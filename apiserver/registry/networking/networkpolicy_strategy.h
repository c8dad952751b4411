#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver {

// networking.k8s.io/v1 NetworkPolicy (upstream pkg/registry/networking/networkpolicy).
// v1 has no status, so no /status either.
class NetworkPolicyStrategy : public Strategy {
 public:
  // policyTypes default to Ingress, plus Egress when egress rules are given; every
  // rule port's protocol to TCP.
  void Default(google::protobuf::Message& object) const override;
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
};

}  // namespace kube::apiserver
