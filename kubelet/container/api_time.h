#pragma once

#include "absl/time/time.h"
#include "k8s/meta/v1/meta.pb.h"

namespace kube::kubelet {

// Kubernetes Time has second precision on the wire; the kubelet truncates so that
// what it compares is what it wrote.
k8s::meta::v1::Time ToApiTime(absl::Time time);
absl::Time FromApiTime(const k8s::meta::v1::Time& time);

}  // namespace kube::kubelet
