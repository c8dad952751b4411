#include "apiserver/registry/core/service_validation.h"

#include "apiserver/registry/core/core_test_util.h"
#include "apiserver/registry/core/service_defaults.h"

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::Service;
using testing::Parse;

Service Defaulted(const std::string& spec) {
  Service service = Parse<Service>("spec { " + spec + " }");
  DefaultService(service);
  NormalizeClusterIPs(service, nullptr);
  return service;
}

api::FieldErrors Validate(const std::string& spec) { return ValidateService(Defaulted(spec)); }

TEST_CASE("valid services") {
  CHECK(Validate(R"(selector { key: "app" value: "web" } ports { port: 80 })").empty());
  CHECK(Validate(R"(clusterIP: "None")").empty());
  CHECK(Validate(R"(type: "ExternalName" externalName: "db.example.com.")").empty());
  CHECK(Validate(R"(type: "NodePort" ports { name: "a" port: 80 nodePort: 30080 } ports { name: "b" port: 81 })").empty());
}

TEST_CASE("ports") {
  CHECK_ERROR(Validate(""), "spec.ports: Required value");
  CHECK_ERROR(Validate("ports { port: 0 }"), "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive");
  CHECK_ERROR(Validate(R"(ports { port: 80 } ports { port: 81 })"), "spec.ports[0].name: Required value");
  CHECK_ERROR(Validate(R"(ports { name: "a" port: 80 } ports { name: "a" port: 81 })"),
              "spec.ports[1].name: Duplicate value: \"a\"");
  CHECK_ERROR(Validate(R"(ports { port: 80 protocol: "ICMP" })"),
              "spec.ports[0].protocol: Unsupported value: \"ICMP\": supported values: \"SCTP\", \"TCP\", \"UDP\"");
  CHECK_ERROR(Validate(R"(ports { port: 80 targetPort { type: 1 strVal: "Bad_Name" } })"),
              "spec.ports[0].targetPort: Invalid value: \"Bad_Name\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  CHECK_ERROR(Validate(R"(ports { name: "a" port: 80 } ports { name: "b" port: 80 })"),
              "spec.ports[1]: Duplicate value: core.ServicePort{Name:\"\", Protocol:\"TCP\", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}");
  CHECK_ERROR(Validate(R"(ports { port: 80 nodePort: 30080 })"),
              "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'");
  CHECK_ERROR(Validate(R"(type: "NodePort" ports { name: "a" port: 80 nodePort: 30080 } ports { name: "b" port: 81 nodePort: 30080 })"),
              "spec.ports[1].nodePort: Duplicate value: 30080");
}

TEST_CASE("types, affinity and selector") {
  CHECK_ERROR(Validate(R"(type: "Internal" ports { port: 80 })"),
              "spec.type: Unsupported value: \"Internal\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"");
  CHECK_ERROR(Validate(R"(sessionAffinity: "Sticky" ports { port: 80 })"),
              "spec.sessionAffinity: Unsupported value: \"Sticky\": supported values: \"ClientIP\", \"None\"");
  CHECK_ERROR_PREFIX(Validate(R"(selector { key: "app" value: "-x-" } ports { port: 80 })"),
                     "spec.selector: Invalid value: \"-x-\"");
  CHECK_ERROR(Validate(R"(type: "ExternalName")"), "spec.externalName: Required value");
  CHECK_ERROR(Validate(R"(type: "ExternalName" externalName: "x.com" clusterIP: "10.0.0.1")"),
              "spec.clusterIPs: Forbidden: may not be set for ExternalName services");
  CHECK_ERROR(Validate(R"(type: "NodePort" clusterIP: "None" ports { port: 80 })"),
              "spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services");
}

TEST_CASE("cluster IPs") {
  CHECK_ERROR(Validate(R"(clusterIP: "10.0.0.300" ports { port: 80 })"),
              "spec.clusterIPs[0]: Invalid value: \"10.0.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
  CHECK_ERROR(Validate(R"(clusterIP: "10.0.0.5" clusterIPs: "10.0.0.6" ports { port: 80 })"),
              "spec.clusterIPs: Invalid value: []string{\"10.0.0.6\"}: first value must match `clusterIP`");
  CHECK_ERROR(Validate(R"(clusterIPs: "10.0.0.6" ports { port: 80 })"),
              "spec.clusterIPs: Invalid value: []string{\"10.0.0.6\"}: must be empty when `clusterIP` is not specified");
  CHECK_ERROR(Validate(R"(clusterIP: "fd00::1" ports { port: 80 })"),
              "spec.clusterIPs[0]: Invalid value: \"fd00::1\": expected an IPv4 value as indicated by `ipFamilies[0]`");
}

TEST_CASE("traffic policies") {
  CHECK_ERROR(Validate(R"(externalTrafficPolicy: "Local" ports { port: 80 })"),
              "spec.externalTrafficPolicy: Invalid value: \"Local\": may only be set for externally-accessible services");
  CHECK_ERROR(Validate(R"(type: "NodePort" externalTrafficPolicy: "Nearest" ports { port: 80 })"),
              "spec.externalTrafficPolicy: Unsupported value: \"Nearest\": supported values: \"Cluster\", \"Local\"");
  CHECK_ERROR(Validate(R"(healthCheckNodePort: 30000 ports { port: 80 })"),
              "spec.healthCheckNodePort: Invalid value: 30000: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'");
  CHECK(Validate(R"(type: "LoadBalancer" externalTrafficPolicy: "Local" ports { port: 80 })").empty());
}

TEST_CASE("cluster IPs may not change once set") {
  Service old = Defaulted(R"(clusterIP: "10.0.0.5" ports { port: 80 })");
  Service changed = Defaulted(R"(clusterIP: "10.0.0.6" ports { port: 80 })");
  CHECK_ERROR(ValidateServiceUpdate(changed, old),
              "spec.clusterIPs[0]: Invalid value: []string{\"10.0.0.6\"}: may not change once set");
  CHECK(ValidateServiceUpdate(old, old).empty());
  Service external = Defaulted(R"(type: "ExternalName" externalName: "x.com")");
  CHECK(ValidateServiceUpdate(external, old).empty());
}

}  // namespace
}  // namespace kube::apiserver::core
