#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver {

// storage.k8s.io/v1 CSIDriver (upstream pkg/registry/storage/csidriver). Every
// optional flag is defaulted, so validation mostly checks enumerations.
class CSIDriverStrategy : public Strategy {
 public:
  // attachRequired true; podInfoOnMount, storageCapacity, requiresRepublish and
  // seLinuxMount false; fsGroupPolicy ReadWriteOnceWithFSType;
  // volumeLifecycleModes [Persistent].
  void Default(google::protobuf::Message& object) const override;
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  // attachRequired and volumeLifecycleModes never change.
  api::FieldErrors ValidateUpdate(const google::protobuf::Message& object,
                                  const google::protobuf::Message& old) const override;
};

}  // namespace kube::apiserver
