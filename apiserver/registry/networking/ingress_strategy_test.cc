#include "apiserver/registry/networking/ingress_strategy.h"

#include <catch2/catch.hpp>

#include "apiserver/registry/apps/apps_test_util.h"
#include "k8s/networking/v1/networking.pb.h"

namespace kube::apiserver {
namespace {

using k8s::networking::v1::Ingress;
using testing::Describe;
using testing::HasError;
using testing::Parse;

Ingress ValidIngress() {
  return Parse<Ingress>(R"(
    metadata { name: "web" namespace: "default" }
    spec {
      ingressClassName: "nginx"
      tls { hosts: "web.example.com" secretName: "web-tls" }
      rules {
        host: "web.example.com"
        ingressRuleValue { http { paths {
          path: "/" pathType: "Prefix"
          backend { service { name: "web" port { number: 80 } } }
        } } }
      }
    })");
}

TEST_CASE("Ingress validation") {
  IngressStrategy strategy;
  Ingress ingress = ValidIngress();
  INFO(Describe(strategy.Validate(ingress)));
  CHECK(strategy.Validate(ingress).empty());
  auto* path = ingress.mutable_spec()
                   ->mutable_rules(0)
                   ->mutable_ingressrulevalue()
                   ->mutable_http()
                   ->mutable_paths(0);

  SECTION("rules or a default backend") {
    ingress.mutable_spec()->clear_rules();
    CHECK(HasError(strategy.Validate(ingress),
                   "spec: Invalid value: null: either `defaultBackend` or `rules` must be "
                   "specified"));
  }
  SECTION("pathType is required and known") {
    path->clear_pathtype();
    api::FieldErrors errors = strategy.Validate(ingress);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].ToString() ==
          "spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified");
    path->set_pathtype("Regex");
    CHECK(HasError(strategy.Validate(ingress),
                   "spec.rules[0].http.paths[0].pathType: Unsupported value: \"Regex\": supported "
                   "values: \"Exact\", \"ImplementationSpecific\", \"Prefix\""));
  }
  SECTION("paths are absolute and clean") {
    path->set_path("api");
    CHECK(HasError(strategy.Validate(ingress),
                   "spec.rules[0].http.paths[0].path: Invalid value: \"api\": must be an "
                   "absolute path"));
    path->set_path("/a//b/..");
    api::FieldErrors errors = strategy.Validate(ingress);
    CHECK(HasError(errors,
                   "spec.rules[0].http.paths[0].path: Invalid value: \"/a//b/..\": must "
                   "not contain '//'"));
    CHECK(HasError(errors,
                   "spec.rules[0].http.paths[0].path: Invalid value: \"/a//b/..\": cannot "
                   "end with '/..'"));
    path->set_pathtype("ImplementationSpecific");
    path->set_path("");
    CHECK(strategy.Validate(ingress).empty());
  }
  SECTION("a backend is exactly one of service and resource") {
    path->mutable_backend()->mutable_resource()->set_kind("StorageBucket");
    path->mutable_backend()->mutable_resource()->set_name("assets");
    CHECK(HasError(strategy.Validate(ingress),
                   "spec.rules[0].http.paths[0].backend: Invalid value: \"\": cannot set both "
                   "resource and service backends"));
    path->mutable_backend()->clear_service();
    CHECK(strategy.Validate(ingress).empty());
    path->mutable_backend()->mutable_resource()->clear_kind();
    CHECK(HasError(strategy.Validate(ingress),
                   "spec.rules[0].http.paths[0].backend.resource.kind: Required value"));
    path->mutable_backend()->clear_resource();
    CHECK(HasError(strategy.Validate(ingress),
                   "spec.rules[0].http.paths[0].backend: Invalid value: \"\": resource or "
                   "service backend is required"));
  }
  SECTION("a service port is a name or a number") {
    auto* port = path->mutable_backend()->mutable_service()->mutable_port();
    port->set_name("http");
    CHECK(HasError(strategy.Validate(ingress),
                   "spec.rules[0].http.paths[0].backend: Invalid value: \"\": cannot set both "
                   "port name & port number"));
    port->clear_name();
    port->clear_number();
    CHECK(HasError(strategy.Validate(ingress),
                   "spec.rules[0].http.paths[0].backend: Required value: port name or number is "
                   "required"));
    port->set_number(70000);
    CHECK(HasError(strategy.Validate(ingress),
                   "spec.rules[0].http.paths[0].backend.service.port.number: Invalid value: "
                   "70000: must be between 1 and 65535, inclusive"));
    path->mutable_backend()->mutable_service()->set_name("1web");
    CHECK(HasError(strategy.Validate(ingress),
                   "spec.rules[0].http.paths[0].backend.service.name: Invalid value: \"1web\": a "
                   "DNS-1035 label must consist of lower case alphanumeric characters or '-', "
                   "start with an alphabetic character, and end with an alphanumeric character "
                   "(e.g. 'my-name',  or 'abc-123', regex used for validation is "
                   "'[a-z]([-a-z0-9]*[a-z0-9])?')"));
  }
  SECTION("hosts are DNS names, possibly wildcards, never IPs") {
    ingress.mutable_spec()->mutable_rules(0)->set_host("*.example.com");
    CHECK(strategy.Validate(ingress).empty());
    ingress.mutable_spec()->mutable_rules(0)->set_host("10.0.0.1");
    CHECK(HasError(strategy.Validate(ingress),
                   "spec.rules[0].host: Invalid value: \"10.0.0.1\": must be a DNS name, not an "
                   "IP address"));
    ingress.mutable_spec()->mutable_rules(0)->set_host("foo.*.com");
    api::FieldErrors errors = strategy.Validate(ingress);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].field == "spec.rules[0].host");
    CHECK(errors[0].detail.rfind("a wildcard DNS-1123 subdomain must start with '*.'", 0) == 0);
  }
  SECTION("an http rule has paths") {
    ingress.mutable_spec()
        ->mutable_rules(0)
        ->mutable_ingressrulevalue()
        ->mutable_http()
        ->clear_paths();
    CHECK(HasError(strategy.Validate(ingress), "spec.rules[0].http.paths: Required value"));
  }
  SECTION("class name and TLS secret are DNS subdomains") {
    ingress.mutable_spec()->set_ingressclassname("Nginx");
    ingress.mutable_spec()->mutable_tls(0)->set_secretname("Web_TLS");
    api::FieldErrors errors = strategy.Validate(ingress);
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].field == "spec.tls[0].secretName");
    CHECK(errors[1].field == "spec.ingressClassName");
  }
}

TEST_CASE("Ingress status validation") {
  IngressStrategy strategy;
  Ingress ingress = ValidIngress();
  auto* point = ingress.mutable_status()->mutable_loadbalancer()->add_ingress();
  point->set_ip("203.0.113.7");
  CHECK(strategy.ValidateStatusUpdate(ingress, ingress).empty());
  point->set_ip("300.1.1.1");
  point->set_hostname("10.0.0.1");
  api::FieldErrors errors = strategy.ValidateStatusUpdate(ingress, ingress);
  CHECK(HasError(errors,
                 "status.loadBalancer.ingress[0].ip: Invalid value: \"300.1.1.1\": must "
                 "be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
  CHECK(HasError(errors,
                 "status.loadBalancer.ingress[0].hostname: Invalid value: \"10.0.0.1\": "
                 "must be a DNS name, not an IP address"));
}

}  // namespace
}  // namespace kube::apiserver
