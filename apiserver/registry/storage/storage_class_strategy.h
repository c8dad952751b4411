#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver {

// storage.k8s.io/v1 StorageClass (upstream pkg/registry/storage/storageclass).
class StorageClassStrategy : public Strategy {
 public:
  // reclaimPolicy Delete, volumeBindingMode Immediate.
  void Default(google::protobuf::Message& object) const override;
  // provisioner a qualified name; parameters at most 512 entries and 256 KiB;
  // reclaimPolicy Delete or Retain; volumeBindingMode Immediate or
  // WaitForFirstConsumer; allowedTopologies valid.
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  // provisioner, parameters, reclaimPolicy and volumeBindingMode never change.
  api::FieldErrors ValidateUpdate(const google::protobuf::Message& object,
                                  const google::protobuf::Message& old) const override;
};

}  // namespace kube::apiserver
