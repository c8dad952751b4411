#include "apiserver/registry/networking/ingressclass_strategy.h"

#include <catch2/catch.hpp>
#include <string>

#include "apiserver/registry/apps/apps_test_util.h"
#include "k8s/networking/v1/networking.pb.h"

namespace kube::apiserver {
namespace {

using k8s::networking::v1::IngressClass;
using testing::HasError;
using testing::Parse;

TEST_CASE("IngressClass defaults the parameters scope to Cluster") {
  IngressClassStrategy strategy;
  auto ingress_class = Parse<IngressClass>(R"(
    metadata { name: "nginx" }
    spec { controller: "k8s.io/ingress-nginx" parameters { kind: "ConfigMap" name: "cfg" } })");
  strategy.Default(ingress_class);
  CHECK(ingress_class.spec().parameters().scope() == "Cluster");
  CHECK(strategy.Validate(ingress_class).empty());

  ingress_class.mutable_spec()->mutable_parameters()->set_scope("Namespace");
  strategy.Default(ingress_class);
  CHECK(ingress_class.spec().parameters().scope() == "Namespace");
  CHECK(HasError(strategy.Validate(ingress_class),
                 "spec.parameters.namespace: Required value: `parameters.scope` is set to "
                 "'Namespace'"));
  ingress_class.mutable_spec()->mutable_parameters()->set_namespace_("ingress");
  CHECK(strategy.Validate(ingress_class).empty());
  ingress_class.mutable_spec()->mutable_parameters()->set_scope("Cluster");
  CHECK(HasError(strategy.Validate(ingress_class),
                 "spec.parameters.namespace: Forbidden: `parameters.scope` is set to 'Cluster'"));
  ingress_class.mutable_spec()->mutable_parameters()->set_scope("Global");
  CHECK(HasError(strategy.Validate(ingress_class),
                 "spec.parameters.scope: Unsupported value: \"Global\": supported values: "
                 "\"Cluster\", \"Namespace\""));
}

TEST_CASE("IngressClass controller") {
  IngressClassStrategy strategy;
  IngressClass ingress_class;
  CHECK(HasError(strategy.Validate(ingress_class), "spec.controller: Required value"));

  ingress_class.mutable_spec()->set_controller("nginx");
  CHECK(HasError(strategy.Validate(ingress_class),
                 "spec.controller: Invalid value: \"nginx\": must be a domain-prefixed path "
                 "(such as \"acme.io/foo\")"));
  ingress_class.mutable_spec()->set_controller("Acme.io/foo");
  CHECK(strategy.Validate(ingress_class).size() == 1);
  ingress_class.mutable_spec()->set_controller("acme.io/f o");
  CHECK(HasError(strategy.Validate(ingress_class),
                 "spec.controller: Invalid value: \"f o\": Invalid path (regex used for "
                 "validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')"));
  ingress_class.mutable_spec()->set_controller("acme.io/" + std::string(243, 'a'));
  CHECK(HasError(strategy.Validate(ingress_class),
                 "spec.controller: Too long: must have at most 250 bytes"));

  IngressClass old;
  old.mutable_spec()->set_controller("acme.io/old");
  ingress_class.mutable_spec()->set_controller("acme.io/new");
  CHECK(HasError(strategy.ValidateUpdate(ingress_class, old),
                 "spec.controller: Invalid value: \"acme.io/new\": field is immutable"));
  CHECK(strategy.ValidateUpdate(old, old).empty());
}

}  // namespace
}  // namespace kube::apiserver
