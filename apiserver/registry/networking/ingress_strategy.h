#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver {

// networking.k8s.io/v1 Ingress (upstream pkg/registry/networking/ingress). Users
// write the spec; the ingress controller writes status through /status.
class IngressStrategy : public Strategy {
 public:
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  api::FieldErrors ValidateStatusUpdate(const google::protobuf::Message& object,
                                        const google::protobuf::Message& old) const override;
};

}  // namespace kube::apiserver
