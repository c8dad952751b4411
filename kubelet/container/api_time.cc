#include "kubelet/container/api_time.h"

namespace kube::kubelet {

k8s::meta::v1::Time ToApiTime(absl::Time time) {
  k8s::meta::v1::Time out;
  out.set_seconds(absl::ToUnixSeconds(time));
  return out;
}

absl::Time FromApiTime(const k8s::meta::v1::Time& time) {
  return absl::FromUnixSeconds(time.seconds()) + absl::Nanoseconds(time.nanos());
}

}  // namespace kube::kubelet
