#include "controller-manager/replicaset/replica_status.h"

#include <catch2/catch.hpp>

#include "controller-manager/replicaset/test_pods.h"

namespace kube::kcm::replicaset {

using testing::PodBuilder;

TEST_CASE("ComputeStatus counts labeled, ready and available pods", "[status]") {
  const absl::Time now = absl::FromUnixSeconds(2000);
  std::vector<PodPtr> pods = {
      PodBuilder("a").Label("app", "db").Label("tier", "back").Ready(1000).Ptr(),  // available
      PodBuilder("b").Label("app", "db").Ready(1995).Ptr(),  // ready 5 s: not yet available
      PodBuilder("c").Label("app", "db").Label("tier", "back").Phase("Pending").Ptr(),
  };
  ReplicaStatus status =
      ComputeStatus(pods, {{"app", "db"}, {"tier", "back"}}, /*min_ready_seconds=*/10, 7, now);
  CHECK(status.replicas == 3);
  CHECK(status.fully_labeled_replicas == 2);
  CHECK(status.ready_replicas == 2);
  CHECK(status.available_replicas == 1);
  CHECK(status.observed_generation == 7);

  ReplicaStatus no_min_ready = ComputeStatus(pods, {{"app", "db"}}, 0, 7, now);
  CHECK(no_min_ready.available_replicas == 2);
  CHECK(no_min_ready.fully_labeled_replicas == 3);
}

}  // namespace kube::kcm::replicaset
