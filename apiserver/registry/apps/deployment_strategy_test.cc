#include <catch2/catch.hpp>

#include "apiserver/registry/apps/apps_test_util.h"
#include "apiserver/registry/apps/deployment_strategy.h"
#include "k8s/apps/v1/apps.pb.h"

namespace kube::apiserver {
namespace {

using k8s::apps::v1::Deployment;
using testing::Describe;
using testing::HasError;
using testing::Parse;

constexpr char kValid[] = R"(
  metadata { name: "web" namespace: "default" }
  spec {
    selector { matchLabels { key: "app" value: "web" } }
    template {
      metadata { labels { key: "app" value: "web" } }
      spec { containers { name: "web" image: "nginx" } }
    }
  })";

Deployment Defaulted(const DeploymentStrategy& strategy, const std::string& text = kValid) {
  Deployment deployment = Parse<Deployment>(text);
  strategy.Default(deployment);
  return deployment;
}

TEST_CASE("Deployment defaults") {
  DeploymentStrategy strategy(testing::FakeHooks());
  Deployment deployment = Defaulted(strategy);
  const auto& spec = deployment.spec();
  CHECK(spec.replicas() == 1);
  CHECK(spec.strategy().type() == "RollingUpdate");
  CHECK(spec.strategy().rollingupdate().maxunavailable().strval() == "25%");
  CHECK(spec.strategy().rollingupdate().maxsurge().strval() == "25%");
  CHECK(spec.revisionhistorylimit() == 10);
  CHECK(spec.progressdeadlineseconds() == 600);
  CHECK(spec.template_().spec().restartpolicy() == "Always");  // through the hooks
  CHECK(strategy.Validate(deployment).empty());

  SECTION("explicit values stay") {
    Deployment recreate = Parse<Deployment>(kValid);
    recreate.mutable_spec()->set_replicas(0);
    recreate.mutable_spec()->mutable_strategy()->set_type("Recreate");
    strategy.Default(recreate);
    CHECK(recreate.spec().replicas() == 0);
    CHECK_FALSE(recreate.spec().strategy().has_rollingupdate());
    CHECK(strategy.Validate(recreate).empty());
  }
}

TEST_CASE("Deployment validation") {
  DeploymentStrategy strategy(testing::FakeHooks());
  Deployment deployment = Defaulted(strategy);

  SECTION("selector is required") {
    deployment.mutable_spec()->clear_selector();
    api::FieldErrors errors = strategy.Validate(deployment);
    INFO(Describe(errors));
    CHECK(HasError(errors, "spec.selector: Required value"));
    CHECK(HasError(errors,
                   "spec.template.metadata.labels: Invalid value: "
                   "map[string]string{\"app\":\"web\"}: `selector` does not match template "
                   "`labels`"));
  }
  SECTION("selector must match the template") {
    (*deployment.mutable_spec()->mutable_selector()->mutable_matchlabels())["app"] = "db";
    api::FieldErrors errors = strategy.Validate(deployment);
    INFO(Describe(errors));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].ToString() ==
          "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: "
          "`selector` does not match template `labels`");
  }
  SECTION("empty selector") {
    deployment.mutable_spec()->mutable_selector()->clear_matchlabels();
    api::FieldErrors errors = strategy.Validate(deployment);
    INFO(Describe(errors));
    CHECK(HasError(errors,
                   "spec.selector: Invalid value: &LabelSelector{MatchLabels:map[string]string{},"
                   "MatchExpressions:[]LabelSelectorRequirement{},}: empty selector is invalid "
                   "for deployment"));
  }
  SECTION("replicas") {
    deployment.mutable_spec()->set_replicas(-1);
    CHECK(HasError(strategy.Validate(deployment),
                   "spec.replicas: Invalid value: -1: must be greater than or equal to 0"));
  }
  SECTION("strategy type") {
    deployment.mutable_spec()->mutable_strategy()->set_type("Sometimes");
    deployment.mutable_spec()->mutable_strategy()->clear_rollingupdate();
    api::FieldErrors errors = strategy.Validate(deployment);
    INFO(Describe(errors));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].field == "spec.strategy");
    CHECK(errors[0].Body() ==
          "Unsupported value: apps.DeploymentStrategy{Type:\"Sometimes\", "
          "RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: \"Recreate\", "
          "\"RollingUpdate\"");
  }
  SECTION("rollingUpdate with Recreate") {
    deployment.mutable_spec()->mutable_strategy()->set_type("Recreate");
    CHECK(HasError(strategy.Validate(deployment),
                   "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy "
                   "`type` is 'Recreate'"));
  }
  SECTION("maxSurge and maxUnavailable both 0") {
    auto* rolling = deployment.mutable_spec()->mutable_strategy()->mutable_rollingupdate();
    rolling->mutable_maxsurge()->set_strval("0%");
    rolling->mutable_maxunavailable()->set_type(0);
    rolling->mutable_maxunavailable()->set_intval(0);
    CHECK(HasError(strategy.Validate(deployment),
                   "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 "
                   "when `maxSurge` is 0"));
  }
  SECTION("percentages") {
    auto* rolling = deployment.mutable_spec()->mutable_strategy()->mutable_rollingupdate();
    rolling->mutable_maxunavailable()->set_strval("120%");
    rolling->mutable_maxsurge()->set_strval("lots");
    api::FieldErrors errors = strategy.Validate(deployment);
    INFO(Describe(errors));
    CHECK(HasError(errors,
                   "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 120%: must not be "
                   "greater than 100%"));
    CHECK(HasError(errors,
                   "spec.strategy.rollingUpdate.maxSurge: Invalid value: lots: a valid percent "
                   "string must be a numeric string followed by an ending '%' (e.g. '1%',  or "
                   "'93%', regex used for validation is '[0-9]+%')"));
  }
  SECTION("restartPolicy must be Always") {
    deployment.mutable_spec()->mutable_template_()->mutable_spec()->set_restartpolicy("Never");
    CHECK(HasError(strategy.Validate(deployment),
                   "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported "
                   "values: \"Always\""));
  }
  SECTION("the pod template goes through the hooks") {
    deployment.mutable_spec()->mutable_template_()->mutable_spec()->clear_containers();
    CHECK(HasError(strategy.Validate(deployment), "spec.template.spec.containers: Required value"));
  }
  SECTION("progressDeadlineSeconds must exceed minReadySeconds") {
    deployment.mutable_spec()->set_minreadyseconds(600);
    CHECK(HasError(strategy.Validate(deployment),
                   "spec.progressDeadlineSeconds: Invalid value: 600: must be greater than "
                   "minReadySeconds"));
  }
}

TEST_CASE("Deployment selector is immutable") {
  DeploymentStrategy strategy(testing::FakeHooks());
  Deployment old = Defaulted(strategy);
  Deployment updated = old;
  updated.mutable_spec()->set_replicas(5);
  updated.mutable_spec()->set_paused(true);
  CHECK(strategy.ValidateUpdate(updated, old).empty());

  (*updated.mutable_spec()->mutable_selector()->mutable_matchlabels())["app"] = "web2";
  api::FieldErrors errors = strategy.ValidateUpdate(updated, old);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].ToString() ==
        "spec.selector: Invalid value: &LabelSelector{MatchLabels:map[string]string{app: web2,},"
        "MatchExpressions:[]LabelSelectorRequirement{},}: field is immutable");
}

TEST_CASE("Deployment status validation") {
  DeploymentStrategy strategy(testing::FakeHooks());
  Deployment old = Defaulted(strategy);
  old.mutable_status()->set_collisioncount(2);
  Deployment updated = old;
  auto* status = updated.mutable_status();
  status->set_replicas(2);
  status->set_readyreplicas(3);
  status->set_collisioncount(1);
  api::FieldErrors errors = strategy.ValidateStatusUpdate(updated, old);
  INFO(Describe(errors));
  CHECK(HasError(errors,
                 "status.readyReplicas: Invalid value: 3: cannot be greater than status.replicas"));
  CHECK(HasError(errors, "status.collisionCount: Invalid value: 1: cannot be decremented"));
}

}  // namespace
}  // namespace kube::apiserver
