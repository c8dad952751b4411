#include "apiserver/registry/autoscaling/horizontalpodautoscaler_conversion.h"

#include <google/protobuf/util/message_differencer.h>

#include <catch2/catch.hpp>

#include "apiserver/registry/apps/apps_test_util.h"
#include "apiserver/registry/autoscaling/behavior_annotation.h"
#include "common/codec/json_decode.h"
#include "common/codec/json_encode.h"

namespace kube::apiserver::autoscaling {
namespace {

namespace v1 = k8s::autoscaling::v1;
namespace v2 = k8s::autoscaling::v2;
using google::protobuf::util::MessageDifferencer;
using testing::Parse;

// Every kind of metric and status, the CPU utilization target last (where the way
// back from v1 puts it).
constexpr char kFull[] = R"(
  metadata { name: "web" namespace: "default" annotations { key: "team" value: "web" } }
  spec {
    scaleTargetRef { apiVersion: "apps/v1" kind: "Deployment" name: "web" }
    minReplicas: 2 maxReplicas: 10
    metrics { type: "Pods" pods { metric { name: "qps" selector { matchLabels { key: "app" value: "web" } } }
                                  target { type: "AverageValue" averageValue { string: "10" } } } }
    metrics { type: "Object" object {
        describedObject { apiVersion: "networking.k8s.io/v1" kind: "Ingress" name: "main" }
        metric { name: "hits" } target { type: "Value" value { string: "2k" } } } }
    metrics { type: "Object" object {
        describedObject { apiVersion: "networking.k8s.io/v1" kind: "Ingress" name: "main" }
        metric { name: "hits" } target { type: "AverageValue" averageValue { string: "100" } } } }
    metrics { type: "External" external { metric { name: "queue" }
                                          target { type: "AverageValue" averageValue { string: "30" } } } }
    metrics { type: "External" external { metric { name: "backlog" }
                                          target { type: "Value" value { string: "300" } } } }
    metrics { type: "ContainerResource" containerResource { name: "memory" container: "app"
        target { type: "AverageValue" averageValue { string: "100Mi" } } } }
    metrics { type: "Resource" resource { name: "memory" target { type: "Utilization" averageUtilization: 70 } } }
    metrics { type: "Resource" resource { name: "cpu" target { type: "Utilization" averageUtilization: 50 } } }
    behavior {
      scaleUp { stabilizationWindowSeconds: 0 selectPolicy: "Max"
                policies { type: "Pods" value: 4 periodSeconds: 15 }
                policies { type: "Percent" value: 100 periodSeconds: 15 } }
      scaleDown { selectPolicy: "Min" policies { type: "Percent" value: 10 periodSeconds: 60 } }
    }
  }
  status {
    observedGeneration: 3 lastScaleTime { seconds: 1800000000 } currentReplicas: 3 desiredReplicas: 4
    currentMetrics { type: "Resource" resource { name: "cpu"
        current { averageValue { string: "250m" } averageUtilization: 45 } } }
    currentMetrics { type: "Pods" pods { metric { name: "qps" } current { averageValue { string: "8" } } } }
    currentMetrics { type: "External" external { metric { name: "backlog" } current { value { string: "120" } } } }
    conditions { type: "AbleToScale" status: "True" lastTransitionTime { seconds: 1800000000 }
                 reason: "ReadyForNewScale" message: "recommended size matches current size" }
    conditions { type: "ScalingActive" status: "True" lastTransitionTime { seconds: 1800000000 }
                 reason: "ValidMetricFound" }
  }
)";

// What a client does with what it reads: JSON out, JSON back in.
template <typename T>
T ThroughJson(const T& message) {
  T decoded;
  REQUIRE(codec::DecodeJson(codec::EncodeJson(message), decoded).ok());
  return decoded;
}

TEST_CASE("autoscaling/v2 to v1 and back loses nothing") {
  const auto full = Parse<v2::HorizontalPodAutoscaler>(kFull);
  const v1::HorizontalPodAutoscaler old = ThroughJson(ToV1(full));
  CHECK(old.spec().scaletargetref().name() == "web");
  CHECK(old.spec().minreplicas() == 2);
  CHECK(old.spec().maxreplicas() == 10);
  CHECK(old.spec().targetcpuutilizationpercentage() == 50);
  CHECK(old.status().currentcpuutilizationpercentage() == 45);
  CHECK(old.status().desiredreplicas() == 4);
  const auto& annotations = old.metadata().annotations();
  CHECK(annotations.at("team") == "web");
  CHECK(annotations.count(kMetricSpecsAnnotation) == 1);
  CHECK(annotations.count(kMetricStatusesAnnotation) == 1);
  CHECK(annotations.count(kConditionsAnnotation) == 1);
  CHECK(
      annotations.at(kBehaviorSpecsAnnotation) ==
      R"({"ScaleUp":{"StabilizationWindowSeconds":0,"SelectPolicy":"Max","Policies":[)"
      R"({"Type":"Pods","Value":4,"PeriodSeconds":15},{"Type":"Percent","Value":100,"PeriodSeconds":15}]},)"
      R"("ScaleDown":{"StabilizationWindowSeconds":null,"SelectPolicy":"Min","Policies":[)"
      R"({"Type":"Percent","Value":10,"PeriodSeconds":60}]}})");

  const v2::HorizontalPodAutoscaler back = ToV2(old);
  std::string difference;
  MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&difference);
  CHECK(differencer.Compare(back, full));
  INFO(difference);
  CHECK(difference.empty());

  // And v1 again reads the same.
  CHECK(MessageDifferencer::Equals(ThroughJson(ToV1(back)), old));
}

TEST_CASE("autoscaling/v1 annotations are upstream's JSON") {
  const auto hpa = Parse<v2::HorizontalPodAutoscaler>(R"(
      metadata { name: "web" }
      spec { scaleTargetRef { kind: "Deployment" name: "web" } maxReplicas: 3
             metrics { type: "Resource" resource { name: "cpu" target { type: "Utilization" averageUtilization: 60 } } }
             metrics { type: "Pods" pods { metric { name: "qps" selector { matchLabels { key: "app" value: "web" } } }
                                           target { type: "AverageValue" averageValue { string: "10" } } } } }
      status { desiredReplicas: 1
               currentMetrics { type: "Resource" resource { name: "cpu"
                   current { averageValue { string: "100m" } averageUtilization: 20 } } }
               conditions { type: "AbleToScale" status: "True" lastTransitionTime { seconds: 1800000000 }
                            reason: "SucceededGetScale" } })");
  const v1::HorizontalPodAutoscaler old = ToV1(hpa);
  const auto& annotations = old.metadata().annotations();
  CHECK(annotations.at(kMetricSpecsAnnotation) ==
        R"([{"type":"Pods","pods":{"metricName":"qps","targetAverageValue":"10",)"
        R"("selector":{"matchLabels":{"app":"web"}}}}])");
  CHECK(annotations.at(kMetricStatusesAnnotation) ==
        R"([{"type":"Resource","resource":{"name":"cpu","currentAverageUtilization":20,)"
        R"("currentAverageValue":"100m"}}])");
  CHECK(annotations.at(kConditionsAnnotation) ==
        R"([{"type":"AbleToScale","status":"True","lastTransitionTime":"2027-01-15T08:00:00Z",)"
        R"("reason":"SucceededGetScale"}])");
  CHECK(annotations.count(kBehaviorSpecsAnnotation) == 0);
  CHECK(old.spec().targetcpuutilizationpercentage() == 60);

  // Round-trip annotations a v1 client sends are replaced, never kept.
  auto stale = hpa;
  (*stale.mutable_metadata()->mutable_annotations())[kBehaviorSpecsAnnotation] = "{}";
  CHECK(ToV1(stale).metadata().annotations().count(kBehaviorSpecsAnnotation) == 0);
}

TEST_CASE("autoscaling/v1 to v2 restores the annotations upstream writes") {
  v1::HorizontalPodAutoscaler old;
  REQUIRE(codec::DecodeJson(R"({"metadata":{"name":"web","annotations":{"team":"web",
      "autoscaling.alpha.kubernetes.io/metrics":"[{\"type\":\"External\",\"external\":{\"metricName\":\"queue\",\"targetAverageValue\":\"30\"}}]",
      "autoscaling.alpha.kubernetes.io/behavior":"{\"ScaleUp\":null,\"ScaleDown\":{\"StabilizationWindowSeconds\":120,\"SelectPolicy\":\"Max\",\"Policies\":[{\"Type\":\"Pods\",\"Value\":1,\"PeriodSeconds\":60}],\"Tolerance\":null}}",
      "autoscaling.alpha.kubernetes.io/current-metrics":"[{\"type\":\"External\",\"external\":{\"metricName\":\"queue\",\"currentValue\":\"0\",\"currentAverageValue\":\"12\"}}]"}},
      "spec":{"scaleTargetRef":{"kind":"Deployment","name":"web"},"maxReplicas":4,
              "targetCPUUtilizationPercentage":70},
      "status":{"currentReplicas":1,"desiredReplicas":1,"currentCPUUtilizationPercentage":33}})",
                            old)
              .ok());
  const v2::HorizontalPodAutoscaler hpa = ToV2(old);
  REQUIRE(hpa.spec().metrics_size() == 2);
  CHECK(hpa.spec().metrics(0).type() == "External");
  CHECK(hpa.spec().metrics(0).external().metric().name() == "queue");
  CHECK(hpa.spec().metrics(0).external().target().type() == "AverageValue");
  CHECK(hpa.spec().metrics(0).external().target().averagevalue().string() == "30");
  CHECK_FALSE(hpa.spec().metrics(0).external().target().has_value());
  CHECK(hpa.spec().metrics(1).resource().name() == "cpu");
  CHECK(hpa.spec().metrics(1).resource().target().averageutilization() == 70);
  CHECK_FALSE(hpa.spec().behavior().has_scaleup());
  CHECK(hpa.spec().behavior().scaledown().stabilizationwindowseconds() == 120);
  REQUIRE(hpa.spec().behavior().scaledown().policies_size() == 1);
  CHECK(hpa.spec().behavior().scaledown().policies(0).type() == "Pods");
  // The annotation's statuses say more than currentCPUUtilizationPercentage.
  REQUIRE(hpa.status().currentmetrics_size() == 1);
  CHECK(hpa.status().currentmetrics(0).external().current().averagevalue().string() == "12");
  CHECK(hpa.metadata().annotations().size() == 1);
  CHECK(hpa.metadata().annotations().at("team") == "web");
}

TEST_CASE("autoscaling/v1 without a target means 80% CPU; broken annotations are ignored") {
  auto old = Parse<v1::HorizontalPodAutoscaler>(R"(
      metadata { name: "web"
                 annotations { key: "autoscaling.alpha.kubernetes.io/metrics" value: "not json" }
                 annotations { key: "autoscaling.alpha.kubernetes.io/behavior" value: "{\"ScaleUp\":7}" }
                 annotations { key: "autoscaling.alpha.kubernetes.io/conditions" value: "{}" } }
      spec { scaleTargetRef { kind: "Deployment" name: "web" } maxReplicas: 2 })");
  const v2::HorizontalPodAutoscaler hpa = ToV2(old);
  REQUIRE(hpa.spec().metrics_size() == 1);
  CHECK(hpa.spec().metrics(0).resource().name() == "cpu");
  CHECK(hpa.spec().metrics(0).resource().target().type() == "Utilization");
  CHECK(hpa.spec().metrics(0).resource().target().averageutilization() == 80);
  CHECK_FALSE(hpa.spec().has_behavior());
  CHECK(hpa.status().conditions().empty());
  CHECK(hpa.metadata().annotations().empty());

  const v1::HorizontalPodAutoscaler again = ToV1(hpa);
  CHECK(again.spec().targetcpuutilizationpercentage() == 80);
  CHECK(again.metadata().annotations().empty());
}

TEST_CASE("the behavior annotation reads either spelling of its keys") {
  auto go = DecodeBehaviorAnnotation(R"({"scaleup":{"selectPolicy":"Min"},"ScaleDown":null})");
  REQUIRE(go);
  CHECK(go->scaleup().selectpolicy() == "Min");
  CHECK_FALSE(go->has_scaledown());
  CHECK_FALSE(DecodeBehaviorAnnotation(R"({"ScaleUp":null,"ScaleDown":null})"));
  CHECK_FALSE(DecodeBehaviorAnnotation("[]"));
}

}  // namespace
}  // namespace kube::apiserver::autoscaling
