#pragma once

#include <google/protobuf/repeated_ptr_field.h>

#include "k8s/core/v1/core.pb.h"

namespace kube::api {

using Tolerations = google::protobuf::RepeatedPtrField<k8s::core::v1::Toleration>;

// upstream's Toleration.ToleratesTaint: the effects match (an empty toleration
// effect matches all), the keys match (an empty key matches all, with Exists), and
// the operator holds: Exists for any value, Equal (the default) for the same value.
bool ToleratesTaint(const k8s::core::v1::Toleration& toleration, const k8s::core::v1::Taint& taint);

// Whether any of the tolerations tolerates the taint.
bool TolerationsTolerateTaint(const Tolerations& tolerations, const k8s::core::v1::Taint& taint);

}  // namespace kube::api
