#pragma once

#include "common/api/field_error.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::core {

// Upstream's ValidatePodUpdate for the spec: a running pod may change only its
// containers' images, activeDeadlineSeconds (set or lowered), additions to its
// tolerations (and their tolerationSeconds), and a negative
// terminationGracePeriodSeconds to 1. Anything else is
//   spec: Forbidden: pod updates may not change fields other than ...
api::FieldErrors ValidatePodSpecUpdate(const k8s::core::v1::PodSpec& spec,
                                       const k8s::core::v1::PodSpec& old);

}  // namespace kube::apiserver::core
