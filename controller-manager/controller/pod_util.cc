#include "controller-manager/controller/pod_util.h"

namespace kube::kcm {

bool IsPodActive(const k8s::core::v1::Pod& pod) {
  const std::string& phase = pod.status().phase();
  return phase != "Succeeded" && phase != "Failed" && !pod.metadata().has_deletiontimestamp();
}

const k8s::core::v1::PodCondition* FindPodCondition(const k8s::core::v1::Pod& pod,
                                                     const std::string& type) {
  for (const auto& condition : pod.status().conditions()) {
    if (condition.type() == type) return &condition;
  }
  return nullptr;
}

bool IsPodReady(const k8s::core::v1::Pod& pod) {
  const auto* ready = FindPodCondition(pod, "Ready");
  return ready != nullptr && ready->status() == "True";
}

absl::Time ToAbslTime(const k8s::meta::v1::Time& time) {
  return absl::FromUnixSeconds(time.seconds()) + absl::Nanoseconds(time.nanos());
}

bool IsPodAvailable(const k8s::core::v1::Pod& pod, int32_t min_ready_seconds, absl::Time now) {
  if (!IsPodReady(pod)) return false;
  if (min_ready_seconds <= 0) return true;
  const auto* ready = FindPodCondition(pod, "Ready");
  if (!ready->has_lasttransitiontime()) return false;
  return ToAbslTime(ready->lasttransitiontime()) + absl::Seconds(min_ready_seconds) <= now;
}

const k8s::meta::v1::OwnerReference* ControllerRefOf(const k8s::meta::v1::ObjectMeta& meta) {
  for (const auto& ref : meta.ownerreferences()) {
    if (ref.controller()) return &ref;
  }
  return nullptr;
}

bool SameLabels(const google::protobuf::Map<std::string, std::string>& a,
                const google::protobuf::Map<std::string, std::string>& b) {
  if (a.size() != b.size()) return false;
  for (const auto& [key, value] : a) {
    auto it = b.find(key);
    if (it == b.end() || it->second != value) return false;
  }
  return true;
}

}  // namespace kube::kcm
