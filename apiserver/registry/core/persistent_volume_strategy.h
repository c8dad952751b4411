#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver::core {

// PersistentVolumes: reclaim policy Retain, volumeMode Filesystem, status.phase
// Pending on create; capacity (storage only), access modes and exactly one
// volume source required; the source and volumeMode fixed once created.
class PersistentVolumeStrategy : public Strategy {
 public:
  void Default(google::protobuf::Message& object) const override;
  void PrepareForCreate(google::protobuf::Message& object) const override;
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  api::FieldErrors ValidateUpdate(const google::protobuf::Message& object,
                                  const google::protobuf::Message& old) const override;
};

}  // namespace kube::apiserver::core
