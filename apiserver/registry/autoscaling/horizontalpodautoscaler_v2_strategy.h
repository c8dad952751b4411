#pragma once

#include "apiserver/registry/strategy.h"
#include "k8s/autoscaling/v2/autoscaling.pb.h"

namespace kube::apiserver::autoscaling {

// Upstream's SetDefaults_HorizontalPodAutoscaler (pkg/apis/autoscaling/v2/defaults.go):
// minReplicas 1; no metrics means 80% average CPU utilization; a behavior gets every
// unset rule of both directions (scale up: no stabilization, the larger of 4 pods
// and 100% per 15s; scale down: 100% per 15s and the controller's stabilization
// window, so none here). Without a behavior nothing is filled in.
void DefaultHorizontalPodAutoscaler(k8s::autoscaling::v2::HorizontalPodAutoscaler& hpa);

// autoscaling/v2 HorizontalPodAutoscaler, the stored form of every version (upstream
// pkg/registry/autoscaling/horizontalpodautoscaler).
class HorizontalPodAutoscalerV2Strategy : public Strategy {
 public:
  void Default(google::protobuf::Message& object) const override;
  // Also drop the round-trip annotations of autoscaling/v1: never stored.
  void PrepareForCreate(google::protobuf::Message& object) const override;
  void PrepareForUpdate(google::protobuf::Message& object,
                        const google::protobuf::Message& old) const override;
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  api::FieldErrors ValidateStatusUpdate(const google::protobuf::Message& object,
                                        const google::protobuf::Message& old) const override;
};

}  // namespace kube::apiserver::autoscaling
