#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver {

// flowcontrol.apiserver.k8s.io/v1 PriorityLevelConfiguration (upstream
// pkg/registry/flowcontrol/prioritylevelconfiguration), with a status subresource.
// The mandatory "catch-all" level keeps its fixed spec; "exempt" may change only
// spec.exempt.
class PriorityLevelConfigurationStrategy : public Strategy {
 public:
  // Limited: nominalConcurrencyShares 30, lendablePercent 0, queuing 64 queues of
  // 50 with hand size 8. Exempt: nominalConcurrencyShares and lendablePercent 0.
  void Default(google::protobuf::Message& object) const override;
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  api::FieldErrors ValidateStatusUpdate(const google::protobuf::Message& object,
                                        const google::protobuf::Message& old) const override;
};

}  // namespace kube::apiserver
