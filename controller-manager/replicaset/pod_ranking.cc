#include "controller-manager/replicaset/pod_ranking.h"

#include <algorithm>

#include "controller-manager/controller/pod_util.h"

namespace kube::kcm::replicaset {
namespace {

int PhaseRank(const std::string& phase) {
  if (phase == "Pending") return 0;
  if (phase == "Unknown" || phase.empty()) return 1;
  if (phase == "Running") return 2;
  return 3;
}

int32_t MaxRestarts(const k8s::core::v1::Pod& pod) {
  int32_t restarts = 0;
  for (const auto& status : pod.status().containerstatuses()) {
    restarts = std::max(restarts, status.restartcount());
  }
  return restarts;
}

absl::Time ReadySince(const k8s::core::v1::Pod& pod) {
  const auto* ready = FindPodCondition(pod, "Ready");
  if (ready == nullptr || !ready->has_lasttransitiontime()) return absl::InfinitePast();
  return ToAbslTime(ready->lasttransitiontime());
}

absl::Time Created(const k8s::core::v1::Pod& pod) {
  return ToAbslTime(pod.metadata().creationtimestamp());
}

}  // namespace

bool DeleteBefore(const k8s::core::v1::Pod& a, const k8s::core::v1::Pod& b) {
  const bool a_assigned = !a.spec().nodename().empty();
  const bool b_assigned = !b.spec().nodename().empty();
  if (a_assigned != b_assigned) return !a_assigned;
  const int a_phase = PhaseRank(a.status().phase());
  const int b_phase = PhaseRank(b.status().phase());
  if (a_phase != b_phase) return a_phase < b_phase;
  const bool a_ready = IsPodReady(a);
  const bool b_ready = IsPodReady(b);
  if (a_ready != b_ready) return !a_ready;
  if (a_ready && b_ready) {
    const absl::Time a_since = ReadySince(a);
    const absl::Time b_since = ReadySince(b);
    if (a_since != b_since) return a_since > b_since;  // ready for less time first
  }
  const int32_t a_restarts = MaxRestarts(a);
  const int32_t b_restarts = MaxRestarts(b);
  if (a_restarts != b_restarts) return a_restarts > b_restarts;
  const absl::Time a_created = Created(a);
  const absl::Time b_created = Created(b);
  if (a_created != b_created) return a_created > b_created;  // newer first
  return a.metadata().name() < b.metadata().name();  // a total order, for stable tests
}

std::vector<PodPtr> PodsToDelete(std::vector<PodPtr> pods, size_t count) {
  std::sort(pods.begin(), pods.end(),
            [](const PodPtr& a, const PodPtr& b) { return DeleteBefore(*a, *b); });
  if (pods.size() > count) pods.resize(count);
  return pods;
}

}  // namespace kube::kcm::replicaset
