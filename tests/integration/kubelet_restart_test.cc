// A kubelet killed with SIGKILL and started again adopts what its predecessor ran
// (same containers, same restart counts) and cleans up pods deleted meanwhile.

#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/support/kubelet_fixture.h"

namespace kube::testing {
namespace {

using k8s::core::v1::Pod;

std::vector<std::string> ContainerIds(const Pod& pod) {
  std::vector<std::string> ids;
  for (const auto& status : pod.status().containerstatuses()) ids.push_back(status.containerid());
  return ids;
}

TEST_CASE("kubelet: a restarted kubelet adopts running containers", "[kubelet]") {
  KubeletCluster cluster;
  // One pod that restarted once before the kill (its count must survive).
  cluster.Create(BoundPod("steady", "node-1", {"app", "sidecar"}));
  Pod flaky =
      BoundPod("flaky", "node-1", {"app"},
               {{"fake.kubelet.kube/exit-code", "1"}, {"fake.kubelet.kube/exit-after", "1s"}});
  flaky.mutable_spec()->set_restartpolicy("OnFailure");
  cluster.Create(flaky);
  cluster.Create(BoundPod("doomed", "node-1"));
  auto steady = cluster.WaitForPod("steady", [](const Pod& p) { return PodReady(p); });
  REQUIRE(steady != nullptr);
  REQUIRE(cluster.WaitForPod("doomed", [](const Pod& p) { return PodReady(p); }) != nullptr);
  auto crashed = cluster.WaitForPod("flaky", [](const Pod& p) {
    return p.status().containerstatuses_size() == 1 &&
           p.status().containerstatuses(0).restartcount() >= 1;
  });
  REQUIRE(crashed != nullptr);
  const std::string doomed_uid = cluster.GetPod("doomed")->metadata().uid();
  const std::string doomed_dir = cluster.kubelet().root_dir() + "/pods/" + doomed_uid;
  CHECK(std::filesystem::exists(doomed_dir));

  cluster.kubelet().Kill9();
  // While it is down, a pod is force-deleted.
  k8s::meta::v1::DeleteOptions now;
  now.set_graceperiodseconds(0);
  REQUIRE(cluster.client().Delete<Pod>("default", "doomed", now).ok());
  REQUIRE(cluster.GetPod("doomed") == nullptr);
  std::string why;
  bool restarted = cluster.kubelet().Start(&why);
  INFO(why);
  REQUIRE(restarted);

  // The deleted pod's leftovers go.
  CHECK(WaitUntil([&] { return !std::filesystem::exists(doomed_dir); }));
  // The running pod keeps its containers: same ids, no restarts, still ready.
  absl::SleepFor(absl::Seconds(4));
  auto after = cluster.GetPod("steady");
  REQUIRE(after != nullptr);
  CHECK(ContainerIds(*after) == ContainerIds(*steady));
  for (const auto& status : after->status().containerstatuses()) {
    CHECK(status.restartcount() == 0);
    CHECK(status.state().has_running());
    CHECK(status.ready());
  }
  CHECK(PodReady(*after));
  // Not even stopped for a moment: the fake logs every exit to the container's log.
  const std::string log = cluster.kubelet().root_dir() + "/pods/" + after->metadata().uid() +
                          "/app/0.log";
  CHECK(ReadFile(log).find("started") != std::string::npos);
  CHECK(ReadFile(log).find("exited") == std::string::npos);
  CHECK(after->status().starttime().seconds() == steady->status().starttime().seconds());
  // The restart count carried on the containers' labels continues.
  auto flaky_after = cluster.GetPod("flaky");
  REQUIRE(flaky_after != nullptr);
  CHECK(flaky_after->status().containerstatuses(0).restartcount() >=
        crashed->status().containerstatuses(0).restartcount());
  // And the new kubelet still runs the pods: deletion works.
  REQUIRE(cluster.client().Delete<Pod>("default", "steady").ok());
  CHECK(WaitUntil([&] { return cluster.GetPod("steady") == nullptr; }));
}

}  // namespace
}  // namespace kube::testing
