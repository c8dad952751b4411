#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver::core {

// PersistentVolumeClaims: volumeMode Filesystem, status.phase Pending on create;
// access modes and a storage request required; afterwards only the request
// (when bound), an unset volumeName and volumeAttributesClassName may change.
class PersistentVolumeClaimStrategy : public Strategy {
 public:
  void Default(google::protobuf::Message& object) const override;
  void PrepareForCreate(google::protobuf::Message& object) const override;
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  api::FieldErrors ValidateUpdate(const google::protobuf::Message& object,
                                  const google::protobuf::Message& old) const override;
};

}  // namespace kube::apiserver::core
