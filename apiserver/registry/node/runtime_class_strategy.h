#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver {

// node.k8s.io/v1 RuntimeClass (upstream pkg/registry/node/runtimeclass): the
// handler is a DNS label and never changes; overhead quantities are valid
// non-negative resources; scheduling's nodeSelector and tolerations are valid.
class RuntimeClassStrategy : public Strategy {
 public:
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  api::FieldErrors ValidateUpdate(const google::protobuf::Message& object,
                                  const google::protobuf::Message& old) const override;
  bool allow_create_on_update() const override { return true; }
};

}  // namespace kube::apiserver
