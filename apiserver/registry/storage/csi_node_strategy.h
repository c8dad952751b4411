#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver {

// storage.k8s.io/v1 CSINode (upstream pkg/registry/storage/csinode), written by
// each kubelet for the CSI drivers registered on its node.
class CSINodeStrategy : public Strategy {
 public:
  // Upstream keeps no generation for CSINodes.
  void PrepareForCreate(google::protobuf::Message& object) const override;
  // Drivers: valid unique names, a nodeID of at most 192 characters, topology
  // keys qualified and unique, allocatable.count >= 0.
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  // A driver already listed never changes (it may be removed and added again).
  api::FieldErrors ValidateUpdate(const google::protobuf::Message& object,
                                  const google::protobuf::Message& old) const override;
};

}  // namespace kube::apiserver
