#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver {

// discovery.k8s.io/v1 EndpointSlice (upstream pkg/registry/discovery/endpointslice).
// No spec or status: the whole object is written at once.
class EndpointSliceStrategy : public Strategy {
 public:
  // Ports: name "" and protocol TCP when unset.
  void Default(google::protobuf::Message& object) const override;
  // Generation 1; deprecatedTopology is v1beta1's and v1 writes drop it.
  void PrepareForCreate(google::protobuf::Message& object) const override;
  // deprecatedTopology dropped unless the endpoints are unchanged.
  void PrepareForUpdate(google::protobuf::Message& object,
                        const google::protobuf::Message& old) const override;
  // Anything but metadata changed, or the labels did.
  bool NewGeneration(const google::protobuf::Message& object,
                     const google::protobuf::Message& old) const override;
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  // addressType is immutable.
  api::FieldErrors ValidateUpdate(const google::protobuf::Message& object,
                                  const google::protobuf::Message& old) const override;
};

}  // namespace kube::apiserver
