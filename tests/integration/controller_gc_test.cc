// The garbage collector and the namespace loop with every daemon running:
// deleting an RC deletes its pods (background and foreground), --cascade=orphan
// leaves them without owner references, and deleting a namespace empties it.

#include <string>

#include <catch2/catch.hpp>

#include "tests/integration/integration_helpers.h"
#include "tests/support/api_client.h"
#include "tests/support/controller_manager_fixture.h"

namespace kube::testing {
namespace {

using k8s::core::v1::Pod;
using k8s::core::v1::ReplicationController;

}  // namespace

TEST_CASE("controller-manager: deleting an RC deletes its pods and --cascade=orphan keeps them",
          "[controller-manager]") {
  REQUIRE_KUBECTL();
  ControllerCluster cluster;

  SECTION("background (the default)") {
    cluster.RunKubectl({"create", "-f", "-"}, RcManifest("web", 3));
    REQUIRE(cluster.WaitForActive("default", "app=web", 3));
    cluster.RunKubectl({"delete", "rc", "web", "--wait=false"});
    REQUIRE(cluster.WaitUntil([&] { return cluster.Pods("default", "app=web").empty(); },
                              absl::Seconds(60), "the RC's pods are gone"));
    CHECK(absl::IsNotFound(cluster.client().Get<ReplicationController>("default", "web").status()));
  }

  SECTION("foreground: the RC goes after its pods") {
    cluster.RunKubectl({"create", "-f", "-"}, RcManifest("web", 2));
    REQUIRE(cluster.WaitForActive("default", "app=web", 2));
    cluster.RunKubectl({"delete", "rc", "web", "--cascade=foreground", "--wait=false"});
    REQUIRE(cluster.WaitUntil([&] {
      return absl::IsNotFound(cluster.client().Get<ReplicationController>("default", "web").status());
    }, absl::Seconds(60), "the RC is deleted once its pods are"));
    CHECK(cluster.Pods("default", "app=web").empty());
  }

  SECTION("orphan") {
    cluster.RunKubectl({"create", "-f", "-"}, RcManifest("web", 3));
    REQUIRE(cluster.WaitForActive("default", "app=web", 3));
    cluster.RunKubectl({"delete", "rc", "web", "--cascade=orphan"});
    REQUIRE(cluster.WaitUntil([&] {
      return absl::IsNotFound(cluster.client().Get<ReplicationController>("default", "web").status());
    }, absl::Seconds(30), "the RC is deleted"));
    REQUIRE(cluster.WaitUntil([&] {
      std::vector<Pod> pods = cluster.ActivePods("default", "app=web");
      if (pods.size() != 3) return false;
      for (const Pod& pod : pods) {
        if (pod.metadata().ownerreferences_size() != 0) return false;
      }
      return true;
    }, absl::Seconds(30), "3 pods stay, without owner references"));
    // And they stay: nothing deletes orphans.
    absl::SleepFor(absl::Seconds(2));
    CHECK(cluster.CountActive("default", "app=web") == 3);
  }
}

TEST_CASE("controller-manager: deleting a namespace empties it", "[controller-manager]") {
  REQUIRE_KUBECTL();
  ControllerCluster cluster;
  cluster.RunKubectl({"create", "namespace", "doomed"});
  cluster.RunKubectl({"create", "-n", "doomed", "-f", "-"}, RcManifest("db", 2));
  cluster.RunKubectl({"create", "configmap", "settings", "-n", "doomed", "--from-literal=a=b"});
  cluster.RunKubectl({"create", "service", "clusterip", "db", "-n", "doomed", "--tcp=80:8080"});
  REQUIRE(cluster.WaitForActive("doomed", "app=db", 2));

  cluster.RunKubectl({"delete", "namespace", "doomed", "--wait=false"});
  REQUIRE(cluster.WaitUntil([&] {
    auto pods = cluster.client().List<Pod>("doomed");
    auto rcs = cluster.client().List<ReplicationController>("doomed");
    auto maps = cluster.client().List<k8s::core::v1::ConfigMap>("doomed");
    auto services = cluster.client().List<k8s::core::v1::Service>("doomed");
    return pods.ok() && pods->items.empty() && rcs.ok() && rcs->items.empty() && maps.ok() &&
           maps->items.empty() && services.ok() && services->items.empty();
  }, absl::Seconds(60), "the namespace is empty"));
  // Nothing new may be made in it meanwhile.
  CommandResult create = cluster.kubectl().Run({"create", "configmap", "late", "-n", "doomed"});
  CHECK(create.exit_code != 0);
  // Empty, the namespace loses its `kubernetes` finalizer (PUT .../finalize) and
  // goes. The subresource answers like any other: a missing namespace is a 404.
  ApiClient api(cluster.server());
  HttpResult probe = api.Put("/api/v1/namespaces/no-such-namespace/finalize",
                             R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"no-such-namespace"}})");
  CHECK(probe.status == 404);
  CHECK(Contains(probe.body, R"("reason":"NotFound")"));
  CHECK(cluster.WaitUntil([&] {
    return absl::IsNotFound(cluster.client().Get<k8s::core::v1::Namespace>("", "doomed").status());
  }, absl::Seconds(30), "the namespace itself is deleted"));
}

}  // namespace kube::testing
