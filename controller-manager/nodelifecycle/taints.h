#pragma once

#include <optional>
#include <vector>

#include "absl/time/time.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::kcm::nodelifecycle {

inline constexpr char kUnreachableTaint[] = "node.kubernetes.io/unreachable";
inline constexpr char kNotReadyTaint[] = "node.kubernetes.io/not-ready";

// The status of the node's Ready condition: "True", "False" or "Unknown" (also
// when the condition is missing).
std::string ReadyStatus(const k8s::core::v1::Node& node);

// The node's taints with the not-ready / unreachable ones set for `ready_status`:
// Unknown gets unreachable, False gets not-ready (each NoSchedule and NoExecute,
// so new pods stay off and running ones are evicted), True gets neither. Taints
// that stay keep their timeAdded; new ones get `now`. Other taints are kept.
google::protobuf::RepeatedPtrField<k8s::core::v1::Taint> DesiredTaints(
    const k8s::core::v1::Node& node, const std::string& ready_status, absl::Time now);

// Whether two taint lists are the same set (ignoring order).
bool SameTaints(const google::protobuf::RepeatedPtrField<k8s::core::v1::Taint>& a,
                const google::protobuf::RepeatedPtrField<k8s::core::v1::Taint>& b);

struct TolerationDefaults {
  int64_t not_ready_seconds = 300;
  int64_t unreachable_seconds = 300;
};

// When the taint manager evicts `pod` from a node with `taints`: never (nullopt)
// when it tolerates every NoExecute taint forever; else the earliest over the
// NoExecute taints of timeAdded (or `now` if unset) plus how long the pod
// tolerates that taint — the smallest tolerationSeconds among its matching
// tolerations, zero when none matches, except that a pod without any toleration
// for the not-ready / unreachable taint gets the default seconds (what upstream's
// DefaultTolerationSeconds admission would have given it).
std::optional<absl::Time> EvictionTime(const k8s::core::v1::Pod& pod,
                                       const google::protobuf::RepeatedPtrField<k8s::core::v1::Taint>& taints,
                                       const TolerationDefaults& defaults, absl::Time now);

}  // namespace kube::kcm::nodelifecycle
