#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver {

// coordination.k8s.io/v1 Lease (upstream pkg/registry/coordination/lease): the
// heartbeat and leader-election record. Leases carry no generation upstream, and
// every renewal writes the spec, so none is kept here either.
class LeaseStrategy : public Strategy {
 public:
  // Drops the generation the store stamps on kinds with a spec.
  void PrepareForCreate(google::protobuf::Message& object) const override;
  // leaseDurationSeconds > 0, leaseTransitions >= 0, strategy and
  // preferredHolder consistent.
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
};

}  // namespace kube::apiserver
