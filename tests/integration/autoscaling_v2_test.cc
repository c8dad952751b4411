// autoscaling/v2 HorizontalPodAutoscalers with the real kubectl: created as v2, read
// and updated as v1 (the round-trip annotations carry what v1 cannot say), the v2
// table, explain, kubectl autoscale, validation, and a v1 watch seeing a v2 write.

#include <catch2/catch.hpp>

#include "tests/integration/integration_helpers.h"
#include "tests/support/api_client.h"

namespace kube::testing {
namespace {

constexpr char kV1[] = "/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers";
constexpr char kV2[] = "/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers";

constexpr char kApi[] = R"(apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: api}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
  minReplicas: 2
  maxReplicas: 6
  metrics:
  - type: Resource
    resource: {name: cpu, target: {type: Utilization, averageUtilization: 60}}
  - type: Pods
    pods: {metric: {name: qps}, target: {type: AverageValue, averageValue: "10"}}
  behavior:
    scaleDown:
      stabilizationWindowSeconds: 120
      policies: [{type: Pods, value: 1, periodSeconds: 60}]
)";

// The names of the metrics of a v2 object, in order ("Resource/cpu", "Pods/qps").
std::vector<std::string> MetricNames(const rapidjson::Value& hpa) {
  std::vector<std::string> names;
  for (const auto& metric : hpa["spec"]["metrics"].GetArray()) {
    std::string type = JsonString(metric, "/type");
    std::string name = type == "Resource" ? JsonString(metric, "/resource/name")
                                          : JsonString(metric, "/pods/metric/name");
    names.push_back(type + "/" + name);
  }
  return names;
}

TEST_CASE("autoscaling/v2 HorizontalPodAutoscalers are autoscaling/v1's too", "[autoscaling]") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);
  ApiClient client(server);
  MustRun(kubectl, {"apply", "-f", "-"}, kApi);

  // v2 is the group's preferred version, v1 still served.
  rapidjson::Document group = ParseJson(client.Get("/apis/autoscaling").body);
  CHECK(JsonString(group, "/preferredVersion/version") == "v2");
  CHECK(JsonString(group, "/versions/0/groupVersion") == "autoscaling/v2");
  CHECK(JsonString(group, "/versions/1/groupVersion") == "autoscaling/v1");

  // Read as v1: the CPU target is v1's field, the rest rides in annotations.
  HttpResult read = client.Get(std::string(kV1) + "/api");
  INFO(read.body);
  REQUIRE(read.status == 200);
  rapidjson::Document old = ParseJson(read.body);
  CHECK(JsonString(old, "/apiVersion") == "autoscaling/v1");
  CHECK(JsonInt(old, "/spec/targetCPUUtilizationPercentage") == 60);
  CHECK(JsonInt(old, "/spec/minReplicas") == 2);
  const rapidjson::Value& annotations = old["metadata"]["annotations"];
  CHECK(JsonString(annotations, "/autoscaling.alpha.kubernetes.io~1metrics") ==
        R"([{"type":"Pods","pods":{"metricName":"qps","targetAverageValue":"10"}}])");
  const std::string behavior =
      JsonString(annotations, "/autoscaling.alpha.kubernetes.io~1behavior");
  CHECK(Contains(behavior, R"("ScaleDown":{"StabilizationWindowSeconds":120,"SelectPolicy":"Max",)"
                           R"("Policies":[{"Type":"Pods","Value":1,"PeriodSeconds":60}]})"));
  CHECK(Contains(behavior, R"("ScaleUp":{"StabilizationWindowSeconds":0,"SelectPolicy":"Max")"));

  // Updated through v1, as a v1 client writes back what it read: nothing is lost.
  MustRun(
      kubectl, {"replace", "-f", "-"},
      std::string(read.body).replace(read.body.find("\"maxReplicas\":6"), 15, "\"maxReplicas\":9"));
  rapidjson::Document now = ParseJson(client.Get(std::string(kV2) + "/api").body);
  CHECK(JsonString(now, "/apiVersion") == "autoscaling/v2");
  CHECK(JsonInt(now, "/spec/maxReplicas") == 9);
  // As upstream, the metrics v1 cannot say come first, then its CPU target.
  CHECK(MetricNames(now) == std::vector<std::string>{"Pods/qps", "Resource/cpu"});
  CHECK(JsonInt(now, "/spec/metrics/1/resource/target/averageUtilization") == 60);
  CHECK(JsonString(now, "/spec/metrics/0/pods/target/averageValue") == "10");
  CHECK(JsonInt(now, "/spec/behavior/scaleDown/stabilizationWindowSeconds") == 120);
  CHECK(JsonString(now, "/spec/behavior/scaleDown/policies/0/type") == "Pods");
  CHECK(JsonInt(now, "/spec/behavior/scaleUp/policies/1/value") == 100);
  // The round-trip annotations never reach storage.
  CHECK_FALSE(
      (now["metadata"].HasMember("annotations") &&
       now["metadata"]["annotations"].HasMember("autoscaling.alpha.kubernetes.io/metrics")));

  // kubectl get uses the preferred version and upstream's columns.
  CommandResult table = MustRun(kubectl, {"get", "hpa"});
  INFO(table.out);
  CHECK(Words(LineWith(table.out, "NAME")) ==
        std::vector<std::string>{"NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS",
                                 "AGE"});
  const std::string row = LineWith(table.out, "api ");
  CHECK(Contains(row, "Deployment/api"));
  CHECK(Contains(row, "<unknown>/10, cpu: <unknown>/60%"));
  const std::vector<std::string> words = Words(row);
  REQUIRE(words.size() == 9);  // TARGETS is three words
  CHECK(words[5] == "2");
  CHECK(words[6] == "9");
  CHECK(words[7] == "0");

  // kubectl explain reads the v2 schema.
  CommandResult explained = MustRun(kubectl, {"explain", "hpa.spec.metrics"});
  INFO(explained.out);
  CHECK(Contains(explained.out, "autoscaling"));
  CHECK(Contains(LineWith(explained.out, "VERSION:"), "v2"));
  CHECK(Contains(explained.out, "containerResource"));
  CHECK(Contains(explained.out, "external"));
  CommandResult behavior_doc = MustRun(kubectl, {"explain", "hpa.spec.behavior.scaleUp"});
  CHECK(Contains(behavior_doc.out, "stabilizationWindowSeconds"));
  CHECK(Contains(behavior_doc.out, "selectPolicy"));
}

// kubectl 1.32 autoscale posts autoscaling/v1 (newer releases post v2 when given --cpu).
TEST_CASE("kubectl autoscale creates an autoscaler both versions read", "[autoscaling]") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);
  ApiClient client(server);
  MustRun(kubectl, {"create", "deployment", "web", "--image=nginx"});
  CommandResult autoscaled = MustRun(
      kubectl, {"autoscale", "deployment", "web", "--min=2", "--max=5", "--cpu-percent=70"});
  CHECK(autoscaled.out == "horizontalpodautoscaler.autoscaling/web autoscaled\n");

  rapidjson::Document hpa = ParseJson(client.Get(std::string(kV2) + "/web").body);
  CHECK(JsonString(hpa, "/spec/scaleTargetRef/kind") == "Deployment");
  CHECK(JsonString(hpa, "/spec/scaleTargetRef/apiVersion") == "apps/v1");
  CHECK(JsonInt(hpa, "/spec/minReplicas") == 2);
  CHECK(JsonInt(hpa, "/spec/maxReplicas") == 5);
  CHECK(MetricNames(hpa) == std::vector<std::string>{"Resource/cpu"});
  CHECK(JsonString(hpa, "/spec/metrics/0/resource/target/type") == "Utilization");
  CHECK(JsonInt(hpa, "/spec/metrics/0/resource/target/averageUtilization") == 70);
  rapidjson::Document old = ParseJson(client.Get(std::string(kV1) + "/web").body);
  CHECK(JsonInt(old, "/spec/targetCPUUtilizationPercentage") == 70);
  CHECK_FALSE(old["metadata"].HasMember("annotations"));

  CommandResult table = MustRun(kubectl, {"get", "hpa", "web", "--no-headers"});
  CHECK(Words(table.out).at(2) == "cpu:");
  CHECK(Words(table.out).at(3) == "<unknown>/70%");
}

TEST_CASE("an invalid autoscaling/v2 HorizontalPodAutoscaler is refused naming the field",
          "[autoscaling]") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);
  CommandResult refused = kubectl.Run({"create", "-f", "-"}, R"(apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: bad}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 3
  metrics:
  - type: Pods
    resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}
  behavior:
    scaleUp: {policies: [{type: Pods, value: 0, periodSeconds: 15}]}
)");
  INFO(refused.err);
  CHECK(refused.exit_code != 0);
  CHECK(Contains(refused.err, R"(The HorizontalPodAutoscaler "bad" is invalid)"));
  CHECK(Contains(refused.err,
                 "spec.metrics[0].pods: Required value: must populate information "
                 "for the given metric source"));
  CHECK(Contains(refused.err,
                 "spec.behavior.scaleUp.policies[0].value: Invalid value: 0: must "
                 "be greater than zero"));
}

TEST_CASE("a watch on autoscaling/v1 sees an autoscaling/v2 write", "[autoscaling]") {
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  ApiClient client(server);
  HttpResult created = client.Post(kV2, R"({"metadata":{"name":"web"},"spec":{
      "scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"},"maxReplicas":3,
      "metrics":[{"type":"External","external":{"metric":{"name":"queue"},
                  "target":{"type":"AverageValue","averageValue":"30"}}}]}})");
  INFO(created.body);
  REQUIRE(created.status == 201);
  const std::string version = JsonString(ParseJson(created.body), "/metadata/resourceVersion");

  HttpResult patched = client.Patch(std::string(kV2) + "/web", R"({"spec":{"maxReplicas":7}})",
                                    "application/merge-patch+json");
  INFO(patched.body);
  REQUIRE(patched.status == 200);

  // From the version before the patch: the change, as autoscaling/v1 says it.
  HttpResult watched =
      client.Get(std::string(kV1) + "?watch=1&resourceVersion=" + version + "&timeoutSeconds=1");
  INFO(watched.body);
  CHECK(watched.status == 200);
  CHECK(Contains(watched.body, R"("type":"MODIFIED","object":{"kind":"HorizontalPodAutoscaler",)"
                               R"("apiVersion":"autoscaling/v1")"));
  CHECK(Contains(watched.body, R"("maxReplicas":7)"));
  CHECK(Contains(watched.body, R"(autoscaling.alpha.kubernetes.io/metrics)"));
  // No event in the stored version's form (managedFields entries keep the version
  // that wrote them, as upstream's do).
  CHECK_FALSE(Contains(watched.body, R"("kind":"HorizontalPodAutoscaler","apiVersion":"autoscaling/v2")"));
}

}  // namespace
}  // namespace kube::testing
