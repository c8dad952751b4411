#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver::core {

// ConfigMaps: keys valid and not in both data and binaryData, 1 MiB in total,
// and nothing changes once `immutable` is set.
class ConfigMapStrategy : public Strategy {
 public:
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  api::FieldErrors ValidateUpdate(const google::protobuf::Message& object,
                                  const google::protobuf::Message& old) const override;
};

// Upstream's MaxSecretSize, shared by ConfigMaps and Secrets.
inline constexpr size_t kMaxDataSize = 1024 * 1024;

}  // namespace kube::apiserver::core
