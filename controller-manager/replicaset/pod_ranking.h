#pragma once

#include <memory>
#include <vector>

#include "k8s/core/v1/core.pb.h"

namespace kube::kcm::replicaset {

using PodPtr = std::shared_ptr<const k8s::core::v1::Pod>;

// Upstream's ActivePods order: true when `a` should be deleted before `b` when a
// controller scales down. The cheapest pod to lose goes first: unscheduled before
// scheduled, Pending before Unknown before Running, not ready before ready, ready
// for less time before longer, more container restarts first, newer first.
bool DeleteBefore(const k8s::core::v1::Pod& a, const k8s::core::v1::Pod& b);

// The `count` pods to delete, best candidates first.
std::vector<PodPtr> PodsToDelete(std::vector<PodPtr> pods, size_t count);

}  // namespace kube::kcm::replicaset
