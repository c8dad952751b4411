// restartPolicy on real containers (root only; SKIPPED with a reason otherwise):
// Never and OnFailure pods end Succeeded or Failed with the exit code; failing
// containers under Always and OnFailure restart with a growing restartCount under
// CrashLoopBackOff.
#include <catch2/catch.hpp>

#include "tests/support/real_cluster.h"
#include "tests/integration/real_test_helpers.h"

namespace kube::testing {
namespace {

using k8s::core::v1::Pod;

TEST_CASE("restartPolicy Always and OnFailure and Never", "[real]") {
  REQUIRE_REAL_CLUSTER_PREREQUISITES();
  auto started = RealCluster::Start();
  INFO((started.ok() ? "" : std::string(started.status().message())));
  REQUIRE(started.ok());
  RealCluster& cluster = **started;

  // All at once: they run side by side on the node.
  REQUIRE(cluster.client().Create(BusyboxPod("never-ok", "sleep 1; exit 0", "Never")).ok());
  REQUIRE(cluster.client().Create(BusyboxPod("never-fail", "sleep 1; exit 3", "Never")).ok());
  REQUIRE(cluster.client().Create(BusyboxPod("onfailure-ok", "sleep 1; exit 0", "OnFailure")).ok());
  REQUIRE(cluster.client().Create(BusyboxPod("onfailure-fail", "exit 1", "OnFailure")).ok());
  REQUIRE(cluster.client().Create(BusyboxPod("always-exits", "exit 0", "Always")).ok());

  // Never: Succeeded on 0, Failed with the exit code otherwise.
  std::unique_ptr<Pod> pod = cluster.WaitForPod("never-ok", Terminal);
  REQUIRE(pod != nullptr);
  CHECK(pod->status().phase() == "Succeeded");
  const auto* status = ContainerStatusOf(*pod, "main");
  REQUIRE(status != nullptr);
  REQUIRE(status->state().has_terminated());
  CHECK(status->state().terminated().exitcode() == 0);
  CHECK(status->state().terminated().reason() == "Completed");
  CHECK(status->restartcount() == 0);

  pod = cluster.WaitForPod("never-fail", Terminal);
  REQUIRE(pod != nullptr);
  CHECK(pod->status().phase() == "Failed");
  status = ContainerStatusOf(*pod, "main");
  REQUIRE(status != nullptr);
  REQUIRE(status->state().has_terminated());
  CHECK(status->state().terminated().exitcode() == 3);
  CHECK(status->state().terminated().reason() == "Error");
  CHECK(status->restartcount() == 0);

  // OnFailure: a clean exit ends the pod.
  pod = cluster.WaitForPod("onfailure-ok", Terminal);
  REQUIRE(pod != nullptr);
  CHECK(pod->status().phase() == "Succeeded");
  status = ContainerStatusOf(*pod, "main");
  REQUIRE(status != nullptr);
  CHECK(status->restartcount() == 0);

  // OnFailure and Always restart, backing off 10 s, then 20 s: two restarts take
  // about half a minute.
  for (const char* name : {"onfailure-fail", "always-exits"}) {
    INFO(name);
    pod = cluster.WaitForPod(
        name,
        [](const Pod& p) {
          const auto* s = ContainerStatusOf(p, "main");
          return s != nullptr && s->restartcount() >= 2;
        },
        absl::Seconds(90));
    REQUIRE(pod != nullptr);
    CHECK(pod->status().phase() == "Running");
    status = ContainerStatusOf(*pod, "main");
    REQUIRE(status != nullptr);
    REQUIRE(status->laststate().has_terminated());
    CHECK(status->laststate().terminated().exitcode() ==
          (std::string(name) == "onfailure-fail" ? 1 : 0));
  }
  // Between restarts the container waits in CrashLoopBackOff.
  pod = cluster.WaitForPod(
      "onfailure-fail",
      [](const Pod& p) {
        const auto* s = ContainerStatusOf(p, "main");
        return s != nullptr && s->state().has_waiting() &&
               s->state().waiting().reason() == "CrashLoopBackOff";
      },
      absl::Seconds(60));
  CHECK(pod != nullptr);
}

}  // namespace
}  // namespace kube::testing
