#pragma once

#include <string_view>

#include "absl/status/statusor.h"
#include "apiserver/generic/store.h"
#include "k8s/autoscaling/v1/autoscaling.pb.h"

namespace kube::apiserver {

// The /scale subresource of replicationcontrollers, replicasets, deployments and
// statefulsets as an autoscaling/v1 Scale: spec.replicas is the parent's,
// status.selector the parent's selector as a label-selector string (what `kubectl
// scale` requires). A Scale's resourceVersion is the parent's and a precondition
// when set.
absl::StatusOr<k8s::autoscaling::v1::Scale> GetScale(const Store& store, std::string_view ns,
                                                     std::string_view name);
absl::StatusOr<k8s::autoscaling::v1::Scale> UpdateScale(const Store& store, std::string_view ns,
                                                        std::string_view name,
                                                        const k8s::autoscaling::v1::Scale& scale,
                                                        const WriteOptions& options);
absl::StatusOr<k8s::autoscaling::v1::Scale> PatchScale(const Store& store, std::string_view ns,
                                                       std::string_view name,
                                                       std::string_view patch_type,
                                                       std::string_view patch_body,
                                                       const WriteOptions& options);

}  // namespace kube::apiserver
