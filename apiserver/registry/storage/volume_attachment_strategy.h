#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver {

// storage.k8s.io/v1 VolumeAttachment (upstream
// pkg/registry/storage/volumeattachment): the spec never changes once created;
// the attacher reports through /status.
class VolumeAttachmentStrategy : public Strategy {
 public:
  // Clears status (the default) and the generation, which upstream keeps none
  // of.
  void PrepareForCreate(google::protobuf::Message& object) const override;
  // spec.attacher a CSI driver name, exactly one source, spec.nodeName a DNS
  // subdomain; status within its size limits.
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  api::FieldErrors ValidateUpdate(const google::protobuf::Message& object,
                                  const google::protobuf::Message& old) const override;
  api::FieldErrors ValidateStatusUpdate(const google::protobuf::Message& object,
                                        const google::protobuf::Message& old) const override;
};

}  // namespace kube::apiserver
