#include "apiserver/registry/networking/networkpolicy_strategy.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "apiserver/registry/apps/apps_test_util.h"
#include "k8s/networking/v1/networking.pb.h"

namespace kube::apiserver {
namespace {

using k8s::networking::v1::NetworkPolicy;
using testing::Describe;
using testing::HasError;
using testing::Parse;

std::vector<std::string> PolicyTypes(const NetworkPolicy& policy) {
  return {policy.spec().policytypes().begin(), policy.spec().policytypes().end()};
}

TEST_CASE("NetworkPolicy defaults") {
  NetworkPolicyStrategy strategy;
  auto policy = Parse<NetworkPolicy>(R"(
    spec { podSelector {} ingress { ports { port { intVal: 80 } } } })");
  strategy.Default(policy);
  CHECK(PolicyTypes(policy) == std::vector<std::string>{"Ingress"});
  CHECK(policy.spec().ingress(0).ports(0).protocol() == "TCP");

  policy = Parse<NetworkPolicy>(R"(spec { egress { ports { protocol: "UDP" } } })");
  strategy.Default(policy);
  CHECK(PolicyTypes(policy) == std::vector<std::string>{"Ingress", "Egress"});
  CHECK(policy.spec().egress(0).ports(0).protocol() == "UDP");

  policy = Parse<NetworkPolicy>(R"(spec { policyTypes: "Egress" })");
  strategy.Default(policy);
  CHECK(PolicyTypes(policy) == std::vector<std::string>{"Egress"});
}

TEST_CASE("NetworkPolicy validation") {
  NetworkPolicyStrategy strategy;
  auto policy = Parse<NetworkPolicy>(R"(
    metadata { name: "db" namespace: "default" }
    spec {
      podSelector { matchLabels { key: "app" value: "db" } }
      ingress {
        ports { protocol: "TCP" port { intVal: 5432 } }
        from { podSelector { matchLabels { key: "app" value: "web" } } }
        from { namespaceSelector {} podSelector {} }
      }
      egress {
        ports { port { intVal: 30000 } endPort: 32767 }
        to { ipBlock { cidr: "10.0.0.0/8" except: "10.1.0.0/16" } }
        to { ipBlock { cidr: "2001:db8::/32" except: "2001:db8:1::/48" } }
      }
      policyTypes: "Ingress"
      policyTypes: "Egress"
    })");
  INFO(Describe(strategy.Validate(policy)));
  CHECK(strategy.Validate(policy).empty());
  auto* ingress = policy.mutable_spec()->mutable_ingress(0);
  auto* egress = policy.mutable_spec()->mutable_egress(0);

  SECTION("peers") {
    ingress->mutable_from(0)->clear_podselector();
    CHECK(HasError(strategy.Validate(policy),
                   "spec.ingress[0].from[0]: Required value: must specify a peer"));
    ingress->mutable_from(0)->mutable_ipblock()->set_cidr("192.168.0.0/16");
    ingress->mutable_from(0)->mutable_namespaceselector();
    CHECK(HasError(strategy.Validate(policy),
                   "spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another "
                   "peer"));
  }
  SECTION("ip blocks") {
    auto* block = egress->mutable_to(0)->mutable_ipblock();
    block->set_cidr("10.0.0.0/33");
    CHECK(HasError(strategy.Validate(policy),
                   "spec.egress[0].to[0].ipBlock.cidr: Invalid value: \"10.0.0.0/33\": must be a "
                   "valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
    block->set_cidr("10.0.0.0/16");
    block->set_except(0, "10.2.0.0/24");
    block->add_except("10.0.0.0/16");
    api::FieldErrors errors = strategy.Validate(policy);
    CHECK(HasError(errors,
                   "spec.egress[0].to[0].ipBlock.except[0]: Invalid value: "
                   "\"10.2.0.0/24\": must be a strict subset of `cidr`"));
    CHECK(HasError(errors,
                   "spec.egress[0].to[0].ipBlock.except[1]: Invalid value: "
                   "\"10.0.0.0/16\": must be a strict subset of `cidr`"));
    block->clear_cidr();
    CHECK(HasError(strategy.Validate(policy), "spec.egress[0].to[0].ipBlock.cidr: Required value"));
  }
  SECTION("ports") {
    egress->mutable_ports(0)->set_endport(29000);
    CHECK(HasError(strategy.Validate(policy),
                   "spec.egress[0].ports[0].endPort: Invalid value: 29000: must be greater than "
                   "or equal to `port`"));
    egress->mutable_ports(0)->mutable_port()->set_type(1);
    egress->mutable_ports(0)->mutable_port()->set_strval("http");
    CHECK(HasError(strategy.Validate(policy),
                   "spec.egress[0].ports[0].endPort: Invalid value: 29000: may not be specified "
                   "when `port` is non-numeric"));
    egress->mutable_ports(0)->clear_port();
    CHECK(HasError(strategy.Validate(policy),
                   "spec.egress[0].ports[0].endPort: Invalid value: 29000: may not be specified "
                   "when `port` is not specified"));
    ingress->mutable_ports(0)->set_protocol("ICMP");
    ingress->mutable_ports(0)->mutable_port()->set_intval(0);
    api::FieldErrors errors = strategy.Validate(policy);
    CHECK(HasError(errors,
                   "spec.ingress[0].ports[0].protocol: Unsupported value: \"ICMP\": "
                   "supported values: \"TCP\", \"UDP\", \"SCTP\""));
    CHECK(HasError(errors,
                   "spec.ingress[0].ports[0].port: Invalid value: 0: must be between 1 "
                   "and 65535, inclusive"));
  }
  SECTION("policy types") {
    policy.mutable_spec()->set_policytypes(1, "Both");
    CHECK(HasError(strategy.Validate(policy),
                   "spec.policyTypes[1]: Unsupported value: \"Both\": supported values: "
                   "\"Ingress\", \"Egress\""));
    policy.mutable_spec()->add_policytypes("Egress");
    CHECK(HasError(strategy.Validate(policy),
                   "spec.policyTypes: Invalid value: [\"Ingress\",\"Both\",\"Egress\"]: may not "
                   "specify more than two policyTypes"));
  }
  SECTION("selectors") {
    auto* expression = policy.mutable_spec()->mutable_podselector()->add_matchexpressions();
    expression->set_key("tier");
    expression->set_operator_("Exists");
    expression->add_values("x");
    CHECK(HasError(strategy.Validate(policy),
                   "spec.podSelector.matchExpressions[0].values: Forbidden: may not be specified "
                   "when `operator` is 'Exists' or 'DoesNotExist'"));
  }
}

}  // namespace
}  // namespace kube::apiserver
