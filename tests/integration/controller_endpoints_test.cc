// The endpoints loop with every daemon running: a Service's Endpoints list its
// pods as ready or not ready as their readiness probes flip, on the pod's port
// named by targetPort.

#include <atomic>
#include <thread>

#include <httplib.h>

#include <catch2/catch.hpp>

#include "tests/integration/integration_helpers.h"
#include "tests/support/controller_manager_fixture.h"

namespace kube::testing {

TEST_CASE("controller-manager: Endpoints follow pod readiness", "[controller-manager]") {
  REQUIRE_KUBECTL();
  // The pods' readiness probe asks this server (the fake runtime's pod IPs lead
  // nowhere, so the probe names 127.0.0.1).
  std::atomic<int> code{200};
  httplib::Server probe_target;
  probe_target.Get("/ready", [&](const httplib::Request&, httplib::Response& response) {
    response.status = code.load();
    response.set_content("ok", "text/plain");
  });
  const int probe_port = probe_target.bind_to_any_port("127.0.0.1");
  REQUIRE(probe_port > 0);
  std::thread serving([&] { probe_target.listen_after_bind(); });
  struct Joiner {
    httplib::Server& server;
    std::thread& thread;
    ~Joiner() {
      server.stop();
      thread.join();
    }
  } joiner{probe_target, serving};

  ControllerCluster cluster;
  cluster.RunKubectl({"create", "-f", "-"}, R"(apiVersion: v1
kind: ReplicationController
metadata: {name: es}
spec:
  replicas: 2
  selector: {app: es}
  template:
    metadata: {labels: {app: es}}
    spec:
      containers:
      - name: es
        image: busybox
        ports: [{name: es, containerPort: 9201}]
        readinessProbe:
          httpGet: {host: 127.0.0.1, path: /ready, port: )" + std::to_string(probe_port) + R"(}
          periodSeconds: 1
          failureThreshold: 1
---
apiVersion: v1
kind: Service
metadata: {name: es}
spec:
  selector: {app: es}
  ports: [{name: http, port: 9200, targetPort: es}]
)");
  auto endpoints_are = [&](int ready, int not_ready) {
    auto endpoints = cluster.client().Get<k8s::core::v1::Endpoints>("default", "es");
    if (!endpoints.ok()) return false;
    int seen_ready = 0;
    int seen_not_ready = 0;
    for (const auto& subset : (*endpoints)->subsets()) {
      if (subset.ports_size() != 1 || subset.ports(0).port() != 9201) return false;
      seen_ready += subset.addresses_size();
      seen_not_ready += subset.notreadyaddresses_size();
    }
    return seen_ready == ready && seen_not_ready == not_ready;
  };
  REQUIRE(cluster.WaitUntil([&] { return endpoints_are(2, 0); }, absl::Seconds(60),
                            "both pods are ready endpoints on port 9201"));
  auto endpoints = cluster.client().Get<k8s::core::v1::Endpoints>("default", "es");
  REQUIRE(endpoints.ok());
  for (const auto& address : (*endpoints)->subsets(0).addresses()) {
    CHECK(address.targetref().kind() == "Pod");
    CHECK(address.nodename() == "node-1");
    CHECK_FALSE(address.ip().empty());
    auto pod = cluster.client().Get<k8s::core::v1::Pod>("default", address.targetref().name());
    REQUIRE(pod.ok());
    CHECK((*pod)->status().podip() == address.ip());
  }

  code = 503;
  REQUIRE(cluster.WaitUntil([&] { return endpoints_are(0, 2); }, absl::Seconds(30),
                            "failing readiness moves both pods to notReadyAddresses"));
  code = 200;
  REQUIRE(cluster.WaitUntil([&] { return endpoints_are(2, 0); }, absl::Seconds(30),
                            "passing readiness brings them back"));

  // The Endpoints go with their Service.
  cluster.RunKubectl({"delete", "service", "es"});
  REQUIRE(cluster.WaitUntil([&] {
    return absl::IsNotFound(cluster.client().Get<k8s::core::v1::Endpoints>("default", "es").status());
  }, absl::Seconds(30), "the Endpoints are deleted with the Service"));
}

}  // namespace kube::testing
