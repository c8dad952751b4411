#include <catch2/catch.hpp>

#include "apiserver/registry/apps/apps_test_util.h"
#include "apiserver/registry/apps/store_test_util.h"
#include "apiserver/registry/policy/poddisruptionbudget_strategy.h"
#include "apiserver/registry/policy/register_policy.h"
#include "common/api/errors.h"
#include "k8s/policy/v1/policy.pb.h"

namespace kube::apiserver {
namespace {

using k8s::policy::v1::PodDisruptionBudget;
using testing::Describe;
using testing::HasError;
using testing::Parse;

TEST_CASE("PodDisruptionBudget validation") {
  PodDisruptionBudgetStrategy strategy;
  auto pdb = Parse<PodDisruptionBudget>(R"(
    metadata { name: "web" namespace: "default" }
    spec { minAvailable { type: 1 strVal: "50%" } selector { matchLabels { key: "app" value: "web" } } })");
  CHECK(strategy.Validate(pdb).empty());

  SECTION("minAvailable and maxUnavailable are exclusive") {
    pdb.mutable_spec()->mutable_maxunavailable()->set_intval(1);
    api::FieldErrors errors = strategy.Validate(pdb);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].field == "spec");
    CHECK(errors[0].detail == "minAvailable and maxUnavailable cannot be both set");
  }
  SECTION("neither is fine, as upstream") {
    pdb.mutable_spec()->clear_minavailable();
    CHECK(strategy.Validate(pdb).empty());
  }
  SECTION("values") {
    pdb.mutable_spec()->mutable_minavailable()->set_strval("150%");
    CHECK(HasError(strategy.Validate(pdb),
                   "spec.minAvailable: Invalid value: 150%: must not be greater than 100%"));
    pdb.mutable_spec()->clear_minavailable();
    pdb.mutable_spec()->mutable_maxunavailable()->set_intval(-1);
    CHECK(HasError(strategy.Validate(pdb),
                   "spec.maxUnavailable: Invalid value: -1: must be greater than or equal to 0"));
  }
  SECTION("selector") {
    auto* expression = pdb.mutable_spec()->mutable_selector()->add_matchexpressions();
    expression->set_key("tier");
    expression->set_operator_("In");
    CHECK(HasError(strategy.Validate(pdb),
                   "spec.selector.matchExpressions[0].values: Required value: must be specified "
                   "when `operator` is 'In' or 'NotIn'"));
  }
  SECTION("unhealthy pod eviction policy") {
    pdb.mutable_spec()->set_unhealthypodevictionpolicy("Never");
    CHECK(HasError(strategy.Validate(pdb),
                   "spec.unhealthyPodEvictionPolicy: Unsupported value: \"Never\": supported "
                   "values: \"AlwaysAllow\", \"IfHealthyBudget\""));
  }
}

TEST_CASE("PodDisruptionBudget through the generic store on SQLite") {
  testing::StoreFixture fixture;
  RegisterPolicyResources(fixture.registry(), fixture.config());
  REQUIRE(fixture.registry().All().size() == 1);
  const ResourceInfo& info = *fixture.registry().All()[0];
  CHECK(info.short_names == std::vector<std::string>{"pdb"});
  CHECK(info.categories.empty());
  CHECK(info.subresources.status);

  Store& store = fixture.StoreFor("policy", "PodDisruptionBudget");
  auto pdb = std::make_unique<PodDisruptionBudget>(Parse<PodDisruptionBudget>(R"(
    metadata { name: "web" }
    spec { minAvailable { type: 0 intVal: 1 } selector { matchLabels { key: "app" value: "web" } } }
    status { disruptionsAllowed: 5 })"));
  auto created = store.Create("default", std::move(pdb), WriteOptions{});
  REQUIRE(created.ok());
  CHECK(static_cast<const PodDisruptionBudget&>(**created).metadata().generation() == 1);
  CHECK(static_cast<const PodDisruptionBudget&>(**created).status().disruptionsallowed() == 0);

  auto updated = fixture.Edit<PodDisruptionBudget>(store, "default", "web", false,
                                                   [](PodDisruptionBudget& p) {
    p.mutable_spec()->mutable_minavailable()->set_intval(2);
  });
  REQUIRE(updated.ok());
  CHECK(static_cast<const PodDisruptionBudget&>(**updated).metadata().generation() == 2);

  auto status = fixture.Edit<PodDisruptionBudget>(store, "default", "web", true,
                                                  [](PodDisruptionBudget& p) {
    p.mutable_status()->set_observedgeneration(2);
    p.mutable_status()->set_currenthealthy(3);
    p.mutable_status()->set_disruptionsallowed(1);
  });
  REQUIRE(status.ok());
  const auto& after = static_cast<const PodDisruptionBudget&>(**status);
  CHECK(after.status().disruptionsallowed() == 1);
  CHECK(after.spec().minavailable().intval() == 2);

  auto negative = fixture.Edit<PodDisruptionBudget>(store, "default", "web", true,
                                                    [](PodDisruptionBudget& p) {
    p.mutable_status()->set_expectedpods(-1);
  });
  REQUIRE_FALSE(negative.ok());
  CHECK(api::ToApiStatus(negative.status()).message() ==
        "PodDisruptionBudget.policy \"web\" is invalid: status.expectedPods: Invalid value: -1: "
        "must be greater than or equal to 0");
}

}  // namespace
}  // namespace kube::apiserver
