#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver {

// flowcontrol.apiserver.k8s.io/v1 FlowSchema (upstream
// pkg/registry/flowcontrol/flowschema), with a status subresource. The mandatory
// "exempt" and "catch-all" schemas keep their fixed spec.
class FlowSchemaStrategy : public Strategy {
 public:
  // matchingPrecedence defaults to 1000.
  void Default(google::protobuf::Message& object) const override;
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  api::FieldErrors ValidateStatusUpdate(const google::protobuf::Message& object,
                                        const google::protobuf::Message& old) const override;
};

}  // namespace kube::apiserver
