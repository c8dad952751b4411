// Object lifecycle over HTTP: binding, graceful deletion, eviction with disruption
// budgets, pod logs before a kubelet exists, propagation finalizers.

#include <catch2/catch.hpp>

#include "tests/integration/integration_helpers.h"
#include "tests/support/api_client.h"

namespace kube::testing {
namespace {

const char kPods[] = "/api/v1/namespaces/default/pods";

std::string PodJson(const std::string& name, const std::string& labels = "{\"app\":\"web\"}") {
  return "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":" + labels +
         "},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}";
}

std::string Binding(const std::string& pod, const std::string& node) {
  return "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"" + pod +
         "\"},\"target\":{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"name\":\"" + node + "\"}}";
}

TEST_CASE("binding assigns a pod to a node once") {
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  ApiClient client(server);
  REQUIRE(client.Post(kPods, PodJson("a")).status == 201);
  HttpResult bound = client.Post(std::string(kPods) + "/a/binding", Binding("a", "node-1"));
  INFO(bound.body);
  CHECK(bound.status == 201);
  auto pod = ParseJson(client.Get(std::string(kPods) + "/a").body);
  CHECK(JsonString(pod, "/spec/nodeName") == "node-1");
  CHECK(JsonString(pod, "/status/conditions/0/type") == "PodScheduled");
  CHECK(JsonString(pod, "/status/conditions/0/status") == "True");

  HttpResult again = client.Post(std::string(kPods) + "/a/binding", Binding("a", "node-2"));
  CHECK(again.status == 409);
  CHECK(Contains(JsonString(ParseJson(again.body), "/message"), "is already assigned to node \"node-1\""));

  // The legacy /bindings collection, which names the pod in the body.
  REQUIRE(client.Post(kPods, PodJson("b")).status == 201);
  CHECK(client.Post("/api/v1/namespaces/default/bindings", Binding("b", "node-2")).status == 201);
  CHECK(JsonString(ParseJson(client.Get(std::string(kPods) + "/b").body), "/spec/nodeName") == "node-2");
}

TEST_CASE("bound pods are deleted gracefully, unbound ones at once") {
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  ApiClient client(server);
  REQUIRE(client.Post(kPods, PodJson("unbound")).status == 201);
  HttpResult gone = client.Delete(std::string(kPods) + "/unbound");
  CHECK(gone.status == 200);
  CHECK(client.Get(std::string(kPods) + "/unbound").status == 404);

  REQUIRE(client.Post(kPods, PodJson("bound")).status == 201);
  REQUIRE(client.Post(std::string(kPods) + "/bound/binding", Binding("bound", "node-1")).status == 201);
  HttpResult graceful = client.Delete(std::string(kPods) + "/bound");
  REQUIRE(graceful.status == 200);
  auto marked = ParseJson(client.Get(std::string(kPods) + "/bound").body);
  CHECK(!JsonString(marked, "/metadata/deletionTimestamp").empty());
  CHECK(JsonInt(marked, "/metadata/deletionGracePeriodSeconds") == 30);
  // A status write during the grace period does not remove it.
  std::string version = JsonString(marked, "/metadata/resourceVersion");
  std::string status = "{\"metadata\":{\"name\":\"bound\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]},\"status\":{\"phase\":\"Running\"}}";
  CHECK(client.Put(std::string(kPods) + "/bound/status", status).status == 200);
  CHECK(client.Get(std::string(kPods) + "/bound").status == 200);
  // What the kubelet does once the containers stopped: delete with grace 0.
  CHECK(client.Delete(std::string(kPods) + "/bound", "{\"gracePeriodSeconds\":0}").status == 200);
  CHECK(client.Get(std::string(kPods) + "/bound").status == 404);
}

TEST_CASE("eviction honours pod disruption budgets") {
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  ApiClient client(server);
  for (const char* name : {"guarded", "free"}) {
    std::string labels = std::string("{\"app\":\"") + (std::string(name) == "guarded" ? "db" : "web") + "\"}";
    REQUIRE(client.Post(kPods, PodJson(name, labels)).status == 201);
    REQUIRE(client.Post(std::string(kPods) + "/" + name + "/binding", Binding(name, "node-1")).status == 201);
    std::string running = "{\"metadata\":{\"name\":\"" + std::string(name) + "\"},\"status\":{\"phase\":\"Running\"}}";
    REQUIRE(client.Put(std::string(kPods) + "/" + name + "/status", running).status == 200);
  }
  HttpResult budget = client.Post(
      "/apis/policy/v1/namespaces/default/poddisruptionbudgets",
      "{\"metadata\":{\"name\":\"db\"},\"spec\":{\"minAvailable\":1,\"selector\":{\"matchLabels\":{\"app\":\"db\"}}}}");
  INFO(budget.body);
  REQUIRE(budget.status == 201);
  std::string eviction = "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"guarded\"},\"deleteOptions\":{\"gracePeriodSeconds\":0}}";
  HttpResult refused = client.Post(std::string(kPods) + "/guarded/eviction", eviction);
  INFO(refused.body);
  CHECK(refused.status == 429);
  CHECK(Contains(refused.body, "Cannot evict pod as it would violate the pod's disruption budget."));
  CHECK(client.Get(std::string(kPods) + "/guarded").status == 200);

  std::string free_eviction = "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"free\"},\"deleteOptions\":{\"gracePeriodSeconds\":0}}";
  HttpResult evicted = client.Post(std::string(kPods) + "/free/eviction", free_eviction);
  INFO(evicted.body);
  CHECK(evicted.status == 201);
  CHECK(client.Get(std::string(kPods) + "/free").status == 404);
}

TEST_CASE("pod logs give a clear error until a kubelet serves them") {
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  ApiClient client(server);
  REQUIRE(client.Post(kPods, PodJson("p")).status == 201);
  HttpResult pending = client.Get(std::string(kPods) + "/p/log");
  CHECK(pending.status == 400);
  CHECK(Contains(pending.body, "is waiting to start"));
  CHECK(client.Get(std::string(kPods) + "/p/log?container=nope").status == 400);
  REQUIRE(client.Post(std::string(kPods) + "/p/binding", Binding("p", "node-1")).status == 201);
  HttpResult bound = client.Get(std::string(kPods) + "/p/log");
  CHECK(bound.status == 503);
  CHECK(Contains(bound.body, "node-1"));
}

TEST_CASE("propagation policies record the garbage collector's finalizers") {
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  ApiClient client(server);
  const std::string rcs = "/api/v1/namespaces/default/replicationcontrollers";
  std::string rc = "{\"metadata\":{\"name\":\"r\"},\"spec\":{\"replicas\":1,\"selector\":{\"a\":\"b\"},\"template\":{\"metadata\":{\"labels\":{\"a\":\"b\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}}}";
  REQUIRE(client.Post(rcs, rc).status == 201);
  HttpResult orphaned = client.Delete(rcs + "/r", "{\"propagationPolicy\":\"Orphan\"}");
  REQUIRE(orphaned.status == 200);
  auto marked = ParseJson(client.Get(rcs + "/r").body);
  CHECK(JsonString(marked, "/metadata/finalizers/0") == "orphan");
  CHECK(!JsonString(marked, "/metadata/deletionTimestamp").empty());

  // Removing the finalizer (the garbage collector's job) completes the deletion.
  std::string version = JsonString(marked, "/metadata/resourceVersion");
  HttpResult finished = client.Put(rcs + "/r",
      "{\"metadata\":{\"name\":\"r\",\"resourceVersion\":\"" + version + "\",\"finalizers\":[]},\"spec\":{\"replicas\":1,\"selector\":{\"a\":\"b\"},\"template\":{\"metadata\":{\"labels\":{\"a\":\"b\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}}}");
  INFO(finished.body);
  CHECK(finished.status == 200);
  CHECK(client.Get(rcs + "/r").status == 404);
}

}  // namespace
}  // namespace kube::testing
