#pragma once

#include <optional>
#include <string>

#include "absl/time/time.h"
#include "k8s/core/v1/core.pb.h"
#include "k8s/meta/v1/meta.pb.h"

namespace kube::kcm {

// A pod that still counts towards its controller's replicas: not Succeeded or
// Failed, and not being deleted.
bool IsPodActive(const k8s::core::v1::Pod& pod);

// The pod's Ready condition is True.
bool IsPodReady(const k8s::core::v1::Pod& pod);

// Ready for at least `min_ready_seconds` at `now` (judged by the Ready condition's
// lastTransitionTime), as upstream's IsPodAvailable.
bool IsPodAvailable(const k8s::core::v1::Pod& pod, int32_t min_ready_seconds, absl::Time now);

// The condition of `type`, or nullptr.
const k8s::core::v1::PodCondition* FindPodCondition(const k8s::core::v1::Pod& pod,
                                                     const std::string& type);

absl::Time ToAbslTime(const k8s::meta::v1::Time& time);

// The ownerReference with controller=true, or nullptr.
const k8s::meta::v1::OwnerReference* ControllerRefOf(const k8s::meta::v1::ObjectMeta& meta);

// Whether two label (or annotation) maps hold the same pairs; protobuf maps have
// no iteration order to compare by.
bool SameLabels(const google::protobuf::Map<std::string, std::string>& a,
                const google::protobuf::Map<std::string, std::string>& b);

}  // namespace kube::kcm
