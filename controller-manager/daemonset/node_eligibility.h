#pragma once

#include "k8s/core/v1/core.pb.h"

namespace kube::kcm::daemonset {

// The tolerations every daemon pod gets, as upstream's daemon set controller adds
// them: it keeps running on not-ready, unreachable, pressured and unschedulable
// nodes, since it is the node's own agent.
void AddDaemonTolerations(k8s::core::v1::PodSpec& spec);

// Whether a daemon pod with `spec` belongs on `node`: the node selector matches
// and every NoSchedule / NoExecute taint is tolerated.
bool ShouldRunOn(const k8s::core::v1::PodSpec& spec, const k8s::core::v1::Node& node);

}  // namespace kube::kcm::daemonset
