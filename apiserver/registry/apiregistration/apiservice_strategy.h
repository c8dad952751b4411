#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver {

// apiregistration.k8s.io/v1 APIService (kube-aggregator
// pkg/registry/apiservice), with a status subresource. Named
// "<spec.version>.<spec.group>"; without spec.service it is served locally.
class ApiServiceStrategy : public Strategy {
 public:
  // spec.service.port defaults to 443.
  void Default(google::protobuf::Message& object) const override;
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  api::FieldErrors ValidateStatusUpdate(const google::protobuf::Message& object,
                                        const google::protobuf::Message& old) const override;
  NameRule name_rule() const override { return NameRule::kPathSegment; }
};

}  // namespace kube::apiserver
