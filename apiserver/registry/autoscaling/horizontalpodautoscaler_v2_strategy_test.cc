#include "apiserver/registry/autoscaling/horizontalpodautoscaler_v2_strategy.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "apiserver/registry/apps/apps_test_util.h"
#include "k8s/autoscaling/v2/autoscaling.pb.h"

namespace kube::apiserver::autoscaling {
namespace {

using k8s::autoscaling::v2::HorizontalPodAutoscaler;
using testing::Describe;
using testing::HasError;
using testing::Parse;

constexpr char kWeb[] = R"(
  metadata { name: "web" namespace: "default" }
  spec { scaleTargetRef { apiVersion: "apps/v1" kind: "Deployment" name: "web" } maxReplicas: 5 })";

TEST_CASE("autoscaling/v2 HorizontalPodAutoscaler defaults") {
  HorizontalPodAutoscalerV2Strategy strategy;
  auto hpa = Parse<HorizontalPodAutoscaler>(kWeb);

  SECTION("minReplicas and the CPU metric; no behavior unless one is set") {
    strategy.Default(hpa);
    CHECK(hpa.spec().minreplicas() == 1);
    REQUIRE(hpa.spec().metrics_size() == 1);
    const auto& metric = hpa.spec().metrics(0);
    CHECK(metric.type() == "Resource");
    CHECK(metric.resource().name() == "cpu");
    CHECK(metric.resource().target().type() == "Utilization");
    CHECK(metric.resource().target().averageutilization() == 80);
    CHECK_FALSE(hpa.spec().has_behavior());
    CHECK(strategy.Validate(hpa).empty());
  }
  SECTION("metrics that are set stay as they are") {
    hpa.mutable_spec()->set_minreplicas(2);
    auto* pods = hpa.mutable_spec()->add_metrics();
    pods->set_type("Pods");
    pods->mutable_pods()->mutable_metric()->set_name("qps");
    pods->mutable_pods()->mutable_target()->set_type("AverageValue");
    pods->mutable_pods()->mutable_target()->mutable_averagevalue()->set_string("10");
    strategy.Default(hpa);
    CHECK(hpa.spec().minreplicas() == 2);
    REQUIRE(hpa.spec().metrics_size() == 1);
    CHECK(hpa.spec().metrics(0).type() == "Pods");
  }
  SECTION("a behavior gets every unset rule of both directions") {
    hpa.mutable_spec()->mutable_behavior()->mutable_scaledown()->set_stabilizationwindowseconds(60);
    strategy.Default(hpa);
    const auto& up = hpa.spec().behavior().scaleup();
    CHECK(up.stabilizationwindowseconds() == 0);
    CHECK(up.has_stabilizationwindowseconds());
    CHECK(up.selectpolicy() == "Max");
    REQUIRE(up.policies_size() == 2);
    CHECK(up.policies(0).type() == "Pods");
    CHECK(up.policies(0).value() == 4);
    CHECK(up.policies(0).periodseconds() == 15);
    CHECK(up.policies(1).type() == "Percent");
    CHECK(up.policies(1).value() == 100);
    CHECK(up.policies(1).periodseconds() == 15);
    const auto& down = hpa.spec().behavior().scaledown();
    CHECK(down.stabilizationwindowseconds() == 60);
    CHECK(down.selectpolicy() == "Max");
    REQUIRE(down.policies_size() == 1);
    CHECK(down.policies(0).type() == "Percent");
    CHECK(down.policies(0).value() == 100);
    CHECK(down.policies(0).periodseconds() == 15);
    CHECK(strategy.Validate(hpa).empty());
  }
  SECTION("scale down keeps no stabilization window of its own") {
    hpa.mutable_spec()->mutable_behavior()->mutable_scaleup()->set_selectpolicy("Min");
    strategy.Default(hpa);
    CHECK(hpa.spec().behavior().scaleup().selectpolicy() == "Min");
    CHECK_FALSE(hpa.spec().behavior().scaledown().has_stabilizationwindowseconds());
  }
}

TEST_CASE("autoscaling/v2 HorizontalPodAutoscaler validation") {
  HorizontalPodAutoscalerV2Strategy strategy;
  auto hpa = Parse<HorizontalPodAutoscaler>(kWeb);
  strategy.Default(hpa);
  auto* spec = hpa.mutable_spec();

  SECTION("replica bounds and the scale target") {
    spec->set_minreplicas(0);
    spec->set_maxreplicas(0);
    spec->mutable_scaletargetref()->clear_kind();
    spec->mutable_scaletargetref()->set_name("a/b");
    api::FieldErrors errors = strategy.Validate(hpa);
    INFO(Describe(errors));
    CHECK(
        HasError(errors, "spec.minReplicas: Invalid value: 0: must be greater than or equal to 1"));
    CHECK(HasError(errors, "spec.maxReplicas: Invalid value: 0: must be greater than 0"));
    CHECK(HasError(errors,
                   "spec.metrics: Forbidden: must specify at least one Object or External metric "
                   "to support scaling to zero replicas"));
    CHECK(HasError(errors, "spec.scaleTargetRef.kind: Required value"));
    CHECK(
        HasError(errors, "spec.scaleTargetRef.name: Invalid value: \"a/b\": may not contain '/'"));
    spec->set_minreplicas(6);
    spec->set_maxreplicas(5);
    CHECK(HasError(strategy.Validate(hpa),
                   "spec.maxReplicas: Invalid value: 5: must be greater than or equal to "
                   "`minReplicas`"));
  }
  SECTION("each metric has exactly the source its type names") {
    *spec = Parse<k8s::autoscaling::v2::HorizontalPodAutoscalerSpec>(R"(
        scaleTargetRef { kind: "Deployment" name: "web" } maxReplicas: 5
        metrics { type: "Pods" resource { name: "cpu" target { type: "Utilization" averageUtilization: 50 } } }
        metrics { type: "Resource" }
        metrics { type: "Bogus" }
        metrics { type: "Resource" resource { name: "memory" target { type: "Utilization" averageUtilization: 0 } }
                  pods { metric { name: "qps" } target { type: "AverageValue" averageValue { string: "1" } } } })");
    api::FieldErrors errors = strategy.Validate(hpa);
    INFO(Describe(errors));
    CHECK(HasError(errors,
                   "spec.metrics[0].pods: Required value: must populate information for "
                   "the given metric source"));
    // A single source of the wrong kind is only missing the right one.
    CHECK_FALSE(HasError(errors,
                         "spec.metrics[0].resource: Forbidden: must populate the given "
                         "metric source only"));
    CHECK(HasError(errors,
                   "spec.metrics[1].resource: Required value: must populate information "
                   "for the given metric source"));
    CHECK(HasError(errors,
                   "spec.metrics[2].type: Unsupported value: \"Bogus\": supported values: "
                   "\"ContainerResource\", \"External\", \"Object\", \"Pods\", \"Resource\""));
    // Only the first source present (pods, before resource) is validated.
    CHECK(HasError(errors,
                   "spec.metrics[3].pods: Forbidden: must populate the given metric source "
                   "only"));
    CHECK_FALSE(HasError(errors,
                         "spec.metrics[3].resource.target.averageUtilization: Invalid "
                         "value: 0: must be greater than 0"));
  }
  SECTION("targets") {
    *spec = Parse<k8s::autoscaling::v2::HorizontalPodAutoscalerSpec>(R"(
        scaleTargetRef { kind: "Deployment" name: "web" } maxReplicas: 5
        metrics { type: "Resource" resource { name: "cpu" target { type: "Utilization" averageUtilization: 0 } } }
        metrics { type: "Resource" resource { name: "memory" target { type: "Odd" } } }
        metrics { type: "Pods" pods { metric { name: "" } target { type: "AverageValue" } } }
        metrics { type: "Object" object { describedObject { kind: "Ingress" name: "main" }
                  metric { name: "hits" } target { type: "Value" value { string: "-1" } } } }
        metrics { type: "External" external { metric { name: "queue" }
                  target { type: "Value" value { string: "1" } averageValue { string: "2" } } } }
        metrics { type: "ContainerResource" containerResource { name: "cpu" container: "Web_1"
                  target { type: "AverageValue" averageValue { string: "500m" } averageUtilization: 50 } } })");
    api::FieldErrors errors = strategy.Validate(hpa);
    INFO(Describe(errors));
    CHECK(HasError(errors,
                   "spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: "
                   "must be greater than 0"));
    CHECK(HasError(errors,
                   "spec.metrics[1].resource.target.type: Invalid value: \"Odd\": must be "
                   "either Utilization, Value, or AverageValue"));
    CHECK(HasError(errors,
                   "spec.metrics[1].resource.target.averageUtilization: Required value: "
                   "must set either a target raw value or a target utilization"));
    CHECK(HasError(errors,
                   "spec.metrics[2].pods.metric.name: Required value: must specify a "
                   "metric name"));
    CHECK(HasError(errors,
                   "spec.metrics[2].pods.target.averageValue: Required value: must "
                   "specify a positive target averageValue"));
    CHECK(HasError(errors,
                   "spec.metrics[3].object.target.value: Invalid value: \"-1\": must be "
                   "positive"));
    CHECK(HasError(errors,
                   "spec.metrics[4].external.target.value: Forbidden: may not set both a "
                   "target value for metric and a per-pod target"));
    CHECK(HasError(errors,
                   "spec.metrics[5].containerResource.target.averageValue: Forbidden: may "
                   "not set both a target raw value and a target utilization"));
    CHECK(std::any_of(errors.begin(), errors.end(), [](const api::FieldError& error) {
      return error.ToString().rfind(
                 "spec.metrics[5].containerResource.container: Invalid value: "
                 "\"Web_1\": a lowercase RFC 1123 label",
                 0) == 0;
    }));
  }
  SECTION("behavior bounds") {
    *spec->mutable_behavior() = Parse<k8s::autoscaling::v2::HorizontalPodAutoscalerBehavior>(R"(
        scaleUp { stabilizationWindowSeconds: 3601 selectPolicy: "Most"
                  policies { type: "Pods" value: 0 periodSeconds: 1801 } }
        scaleDown { stabilizationWindowSeconds: -1 policies { type: "All" value: 1 periodSeconds: 0 } })");
    api::FieldErrors errors = strategy.Validate(hpa);
    INFO(Describe(errors));
    CHECK(HasError(errors,
                   "spec.behavior.scaleUp.stabilizationWindowSeconds: Invalid value: 3601: "
                   "must be less than or equal to 3600"));
    CHECK(HasError(errors,
                   "spec.behavior.scaleUp.selectPolicy: Unsupported value: \"Most\": "
                   "supported values: \"Disabled\", \"Max\", \"Min\""));
    CHECK(HasError(errors,
                   "spec.behavior.scaleUp.policies[0].value: Invalid value: 0: must be "
                   "greater than zero"));
    CHECK(HasError(errors,
                   "spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 1801: "
                   "must be less than or equal to 1800"));
    CHECK(HasError(errors,
                   "spec.behavior.scaleDown.stabilizationWindowSeconds: Invalid value: -1: "
                   "must be greater than or equal to zero"));
    CHECK(HasError(errors,
                   "spec.behavior.scaleDown.policies[0].type: Unsupported value: \"All\": "
                   "supported values: \"Percent\", \"Pods\""));
    CHECK(HasError(errors,
                   "spec.behavior.scaleDown.policies[0].periodSeconds: Invalid value: 0: "
                   "must be greater than zero"));
  }
}

TEST_CASE("autoscaling/v2 HorizontalPodAutoscaler status and round-trip annotations") {
  HorizontalPodAutoscalerV2Strategy strategy;
  auto hpa = Parse<HorizontalPodAutoscaler>(kWeb);
  hpa.mutable_status()->set_currentreplicas(-1);
  CHECK(HasError(strategy.ValidateStatusUpdate(hpa, hpa),
                 "status.currentReplicas: Invalid value: -1: must be greater than or equal to 0"));

  (*hpa.mutable_metadata()->mutable_annotations())["autoscaling.alpha.kubernetes.io/metrics"] =
      "[]";
  (*hpa.mutable_metadata()->mutable_annotations())["team"] = "web";
  strategy.PrepareForCreate(hpa);
  CHECK_FALSE(hpa.has_status());
  CHECK(hpa.metadata().annotations().size() == 1);
  CHECK(hpa.metadata().annotations().at("team") == "web");
}

}  // namespace
}  // namespace kube::apiserver::autoscaling
