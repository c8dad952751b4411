#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver::core {

// Secrets: type Opaque by default, stringData folded into data, keys valid and
// 1 MiB in total, each built-in type's required keys or annotation, type fixed
// once created, nothing changes once `immutable` is set. Field selector: type.
class SecretStrategy : public Strategy {
 public:
  void Default(google::protobuf::Message& object) const override;
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  api::FieldErrors ValidateUpdate(const google::protobuf::Message& object,
                                  const google::protobuf::Message& old) const override;
  std::optional<std::string> SelectableField(const google::protobuf::Message& object,
                                             std::string_view field) const override;
};

}  // namespace kube::apiserver::core
