#include <catch2/catch.hpp>

#include "apiserver/registry/apps/apps_test_util.h"
#include "apiserver/registry/flowcontrol/flowschema_strategy.h"
#include "apiserver/registry/flowcontrol/mandatory_configuration.h"
#include "apiserver/registry/flowcontrol/priority_level_strategy.h"
#include "k8s/flowcontrol/v1/flowcontrol.pb.h"

namespace kube::apiserver {
namespace {

using k8s::flowcontrol::v1::FlowSchema;
using k8s::flowcontrol::v1::PriorityLevelConfiguration;
using testing::Describe;
using testing::HasError;
using testing::Parse;

TEST_CASE("The mandatory flowcontrol objects are valid and fixed") {
  FlowSchemaStrategy schemas;
  PriorityLevelConfigurationStrategy levels;
  REQUIRE(flowcontrol::MandatoryFlowSchemas().size() == 2);
  for (FlowSchema schema : flowcontrol::MandatoryFlowSchemas()) {
    schemas.Default(schema);
    INFO(schema.metadata().name() << ": " << Describe(schemas.Validate(schema)));
    CHECK(schemas.Validate(schema).empty());
    CHECK(schema.metadata().annotations().at("apf.kubernetes.io/autoupdate-spec") == "true");
  }
  for (PriorityLevelConfiguration level : flowcontrol::MandatoryPriorityLevelConfigurations()) {
    levels.Default(level);
    INFO(level.metadata().name() << ": " << Describe(levels.Validate(level)));
    CHECK(levels.Validate(level).empty());
  }
  FlowSchema catch_all = *flowcontrol::MandatoryFlowSchema("catch-all");
  CHECK(catch_all.spec().matchingprecedence() == 10000);
  catch_all.mutable_spec()->set_matchingprecedence(9000);
  CHECK(HasError(schemas.Validate(catch_all),
                 "spec: Invalid value: flowcontrol.FlowSchemaSpec{...}: spec of 'catch-all' must "
                 "equal the fixed value"));
  // The exempt level's spec.exempt may be tuned.
  PriorityLevelConfiguration exempt = *flowcontrol::MandatoryPriorityLevel("exempt");
  exempt.mutable_spec()->mutable_exempt()->set_nominalconcurrencyshares(10);
  CHECK(levels.Validate(exempt).empty());
  exempt.mutable_spec()->set_type("Limited");
  CHECK(HasError(levels.Validate(exempt),
                 "spec.type: Invalid value: \"Limited\": type must be 'Exempt' if and only if "
                 "name is 'exempt'"));
}

TEST_CASE("FlowSchema defaults and validation") {
  FlowSchemaStrategy strategy;
  auto schema = Parse<FlowSchema>(R"(
    metadata { name: "mine" }
    spec { priorityLevelConfiguration { name: "workload-low" }
           rules { subjects { kind: "ServiceAccount" serviceAccount { namespace: "apps" name: "*" } }
                   resourceRules { verbs: "get" apiGroups: "apps" resources: "deployments"
                                   namespaces: "apps" } } })");
  strategy.Default(schema);
  CHECK(schema.spec().matchingprecedence() == 1000);
  CHECK(strategy.Validate(schema).empty());

  auto bad = Parse<FlowSchema>(R"(
    metadata { name: "bad" }
    spec { matchingPrecedence: 1 distinguisherMethod { type: "ByColour" }
           rules { subjects { kind: "User" }
                   resourceRules { verbs: "fly" }
                   nonResourceRules { verbs: "*" verbs: "get" nonResourceURLs: "/a/*/b" } } })");
  const api::FieldErrors errors = strategy.Validate(bad);
  INFO(Describe(errors));
  CHECK(HasError(errors,
                 "spec.matchingPrecedence: Invalid value: 1: only the schema named "
                 "'exempt' may have matchingPrecedence 1"));
  CHECK(HasError(errors,
                 "spec.distinguisherMethod.type: Unsupported value: "
                 "&flowcontrol.FlowDistinguisherMethod{Type:\"ByColour\"}: supported "
                 "values: \"ByNamespace\", \"ByUser\""));
  CHECK(HasError(errors,
                 "spec.priorityLevelConfiguration.name: Required value: must reference "
                 "a priority level"));
  CHECK(HasError(errors,
                 "spec.rules[0].subjects[0].user: Required value: user is required "
                 "when subject kind is 'User'"));
  CHECK(HasError(errors,
                 "spec.rules[0].resourceRules[0].apiGroups: Required value: resource "
                 "rules must supply at least one api group"));
  CHECK(HasError(errors,
                 "spec.rules[0].resourceRules[0].namespaces: Required value: resource "
                 "rules that are not cluster scoped must supply at least one namespace"));
  CHECK(HasError(errors,
                 "spec.rules[0].nonResourceRules[0].verbs: Invalid value: "
                 "[]string{\"*\", \"get\"}: if '*' is present, must not specify other "
                 "verbs"));
  CHECK(HasError(errors,
                 "spec.rules[0].nonResourceRules[0].nonResourceURLs[0]: Invalid value: "
                 "\"/a/*/b\": wildcard can only do suffix matching"));
}

TEST_CASE("PriorityLevelConfiguration defaults and validation") {
  PriorityLevelConfigurationStrategy strategy;
  auto level = Parse<PriorityLevelConfiguration>(R"(
    metadata { name: "workload-low" }
    spec { type: "Limited" limited { limitResponse { type: "Queue" queuing { } } } })");
  strategy.Default(level);
  const auto& limited = level.spec().limited();
  CHECK(limited.nominalconcurrencyshares() == 30);
  CHECK(limited.has_lendablepercent());
  CHECK(limited.lendablepercent() == 0);
  CHECK(limited.limitresponse().queuing().queues() == 64);
  CHECK(limited.limitresponse().queuing().handsize() == 8);
  CHECK(limited.limitresponse().queuing().queuelengthlimit() == 50);
  CHECK(strategy.Validate(level).empty());

  auto bad = Parse<PriorityLevelConfiguration>(R"(
    metadata { name: "bad" }
    spec { type: "Limited" exempt { }
           limited { lendablePercent: 101 borrowingLimitPercent: -1
                     limitResponse { type: "Queue" queuing { queues: 4 handSize: 5 queueLengthLimit: 1 } } } })");
  const api::FieldErrors errors = strategy.Validate(bad);
  INFO(Describe(errors));
  CHECK(HasError(errors, "spec.exempt: Forbidden: must be nil if the type is Limited"));
  CHECK(HasError(errors,
                 "spec.limited.lendablePercent: Invalid value: 101: must be between 0 "
                 "and 100, inclusive"));
  CHECK(HasError(errors,
                 "spec.limited.borrowingLimitPercent: Invalid value: -1: if specified, "
                 "must be a non-negative integer"));
  CHECK(HasError(errors,
                 "spec.limited.limitResponse.queuing.handSize: Invalid value: 5: should "
                 "not be greater than queues (4)"));
  auto entropy = Parse<PriorityLevelConfiguration>(R"(
    metadata { name: "wide" }
    spec { type: "Limited" limited { limitResponse { type: "Queue"
           queuing { queues: 128 handSize: 9 queueLengthLimit: 1 } } } })");
  CHECK(HasError(strategy.Validate(entropy),
                 "spec.limited.limitResponse.queuing.handSize: Invalid value: 9: required entropy "
                 "bits of deckSize 128 and handSize 9 should not be greater than 60"));
}

}  // namespace
}  // namespace kube::apiserver
