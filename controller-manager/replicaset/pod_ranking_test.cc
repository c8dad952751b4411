#include "controller-manager/replicaset/pod_ranking.h"

#include <catch2/catch.hpp>

#include "controller-manager/replicaset/test_pods.h"

namespace kube::kcm::replicaset {
namespace {

using testing::PodBuilder;

std::vector<std::string> Names(const std::vector<PodPtr>& pods) {
  std::vector<std::string> names;
  for (const auto& pod : pods) names.push_back(pod->metadata().name());
  return names;
}

}  // namespace

TEST_CASE("PodsToDelete: unscheduled before scheduled", "[ranking]") {
  auto scheduled = PodBuilder("scheduled").Phase("Pending").Ptr();
  auto unscheduled = PodBuilder("unscheduled").Node("").Phase("Pending").Ptr();
  CHECK(Names(PodsToDelete({scheduled, unscheduled}, 1)) == std::vector<std::string>{"unscheduled"});
}

TEST_CASE("PodsToDelete: pending before running, not ready before ready", "[ranking]") {
  auto running_ready = PodBuilder("running-ready").Ready(900).Ptr();
  auto running = PodBuilder("running").Ptr();
  auto pending = PodBuilder("pending").Phase("Pending").Ptr();
  CHECK(Names(PodsToDelete({running_ready, running, pending}, 3)) ==
        std::vector<std::string>{"pending", "running", "running-ready"});
}

TEST_CASE("PodsToDelete: ready for less time, more restarts, newer go first", "[ranking]") {
  auto long_ready = PodBuilder("long-ready").Ready(100).Ptr();
  auto short_ready = PodBuilder("short-ready").Ready(500).Ptr();
  CHECK(Names(PodsToDelete({long_ready, short_ready}, 1)) == std::vector<std::string>{"short-ready"});

  auto stable = PodBuilder("stable").Ptr();
  auto crashing = PodBuilder("crashing").Restarts(4).Ptr();
  CHECK(Names(PodsToDelete({stable, crashing}, 1)) == std::vector<std::string>{"crashing"});

  auto old_pod = PodBuilder("old").Created(100).Ptr();
  auto new_pod = PodBuilder("new").Created(200).Ptr();
  CHECK(Names(PodsToDelete({old_pod, new_pod}, 1)) == std::vector<std::string>{"new"});
}

TEST_CASE("PodsToDelete: never more than there are", "[ranking]") {
  auto a = PodBuilder("a").Ptr();
  CHECK(PodsToDelete({a}, 5).size() == 1);
  CHECK(PodsToDelete({a}, 0).empty());
}

}  // namespace kube::kcm::replicaset
