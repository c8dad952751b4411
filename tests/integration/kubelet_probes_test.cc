// The kubelet's probes on the fake runtime: a failing exec liveness probe restarts
// the container, readiness (exec and httpGet) drives the Ready condition.

#include <httplib.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <set>
#include <thread>

#include "tests/support/kubelet_fixture.h"

namespace kube::testing {
namespace {

using k8s::core::v1::Pod;

k8s::core::v1::Probe ExecProbe(const std::string& command, int period, int failure_threshold) {
  k8s::core::v1::Probe probe;
  probe.mutable_handler()->mutable_exec()->add_command(command);
  probe.set_periodseconds(period);
  probe.set_failurethreshold(failure_threshold);
  return probe;
}

std::set<std::string> EventReasons(KubeletCluster& cluster, const std::string& pod) {
  std::set<std::string> reasons;
  auto list = cluster.client().List<k8s::core::v1::Event>("default");
  if (!list.ok()) return reasons;
  for (const auto& event : list->items) {
    if (event->involvedobject().name() == pod) reasons.insert(event->reason());
  }
  return reasons;
}

TEST_CASE("kubelet: a failing liveness probe restarts the container", "[kubelet]") {
  KubeletCluster cluster;
  // Exec (and so the probe) fails once the container has run 2 s.
  Pod pod = BoundPod("sick", "node-1", {"app"}, {{"fake.kubelet.kube/probe-fail-after", "2s"}});
  *pod.mutable_spec()->mutable_containers(0)->mutable_livenessprobe() = ExecProbe("check", 1, 2);
  cluster.Create(pod);
  auto first =
      cluster.WaitForPod("sick", [](const Pod& p) { return p.status().phase() == "Running"; });
  REQUIRE(first != nullptr);
  auto restarted = cluster.WaitForPod("sick", [](const Pod& p) {
    return p.status().containerstatuses_size() == 1 &&
           p.status().containerstatuses(0).restartcount() >= 1;
  });
  REQUIRE(restarted != nullptr);
  const auto& app = restarted->status().containerstatuses(0);
  CHECK(app.laststate().has_terminated());
  CHECK(app.containerid() != first->status().containerstatuses(0).containerid());
  CHECK(WaitUntil([&] {
    auto reasons = EventReasons(cluster, "sick");
    return reasons.contains("Unhealthy") && reasons.contains("Killing");
  }));
}

TEST_CASE("kubelet: readiness probes gate the Ready condition", "[kubelet]") {
  KubeletCluster cluster;
  Pod ready = BoundPod("ready", "node-1");
  *ready.mutable_spec()->mutable_containers(0)->mutable_readinessprobe() = ExecProbe("true", 1, 1);
  Pod unready = BoundPod("unready", "node-1");
  *unready.mutable_spec()->mutable_containers(0)->mutable_readinessprobe() =
      ExecProbe("false", 1, 1);
  cluster.Create(ready);
  cluster.Create(unready);
  CHECK(cluster.WaitForPod("ready", [](const Pod& p) { return PodReady(p); }) != nullptr);
  auto running = cluster.WaitForPod("unready", [](const Pod& p) {
    return p.status().phase() == "Running" && p.status().containerstatuses_size() == 1 &&
           p.status().containerstatuses(0).state().has_running();
  });
  REQUIRE(running != nullptr);
  absl::SleepFor(absl::Seconds(3));  // several probe periods
  auto still = cluster.GetPod("unready");
  REQUIRE(still != nullptr);
  CHECK_FALSE(PodReady(*still));
  CHECK(PodConditionOf(*still, "Ready")->reason() == "ContainersNotReady");
  CHECK_FALSE(still->status().containerstatuses(0).ready());
  CHECK(still->status().containerstatuses(0).restartcount() == 0);  // readiness never restarts
}

TEST_CASE("kubelet: an httpGet readiness probe follows the endpoint's answers", "[kubelet]") {
  std::atomic<int> code{200};
  httplib::Server server;
  server.Get("/healthz", [&](const httplib::Request&, httplib::Response& response) {
    response.status = code.load();
    response.set_content("ok", "text/plain");
  });
  int port = server.bind_to_any_port("127.0.0.1");
  std::thread serving([&] { server.listen_after_bind(); });

  KubeletCluster cluster;
  Pod pod = BoundPod("web", "node-1");
  auto* probe = pod.mutable_spec()->mutable_containers(0)->mutable_readinessprobe();
  auto* get = probe->mutable_handler()->mutable_httpget();
  get->set_path("/healthz");
  get->set_host("127.0.0.1");  // the fake's pod IPs lead nowhere
  get->mutable_port()->set_intval(port);
  probe->set_periodseconds(1);
  probe->set_failurethreshold(1);
  cluster.Create(pod);
  CHECK(cluster.WaitForPod("web", [](const Pod& p) { return PodReady(p); }) != nullptr);
  code = 500;
  CHECK(cluster.WaitForPod("web", [](const Pod& p) { return !PodReady(p); }) != nullptr);
  code = 200;
  CHECK(cluster.WaitForPod("web", [](const Pod& p) { return PodReady(p); }) != nullptr);
  server.stop();
  serving.join();
}

}  // namespace
}  // namespace kube::testing
