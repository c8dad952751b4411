// networking.k8s.io/v1 and discovery.k8s.io/v1 with the real kubectl: create from
// YAML, the table columns, a validation error, explain, and Ingress /status.

#include <catch2/catch.hpp>

#include "tests/integration/integration_helpers.h"

namespace kube::testing {
namespace {

constexpr char kManifests[] = R"(apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: nginx}
spec: {controller: k8s.io/ingress-nginx}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  ingressClassName: nginx
  tls: [{hosts: [web.example.com], secretName: web-tls}]
  rules:
  - host: web.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 5432}]}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: web-abc, labels: {kubernetes.io/service-name: web}}
addressType: IPv4
ports: [{name: http, port: 80}]
endpoints: [{addresses: [10.1.0.5], conditions: {ready: true}}]
)";

TEST_CASE("networking and discovery kinds through kubectl") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);
  MustRun(kubectl, {"create", "-f", "-"}, kManifests);

  CommandResult listed =
      MustRun(kubectl, {"get", "ingress,ingressclass,netpol,endpointslices", "-A"});
  INFO(listed.out);
  const std::string& out = listed.out;
  CHECK(Words(LineWith(out, "HOSTS")) ==
        std::vector<std::string>{"NAMESPACE", "NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"});
  const std::string ingress = LineWith(out, "ingress.networking.k8s.io/web");
  CHECK(Contains(ingress, "default"));
  CHECK(Contains(ingress, " nginx "));
  CHECK(Contains(ingress, " web.example.com "));
  CHECK(Contains(ingress, " 80, 443 "));
  CHECK(Contains(LineWith(out, "CONTROLLER"), "PARAMETERS"));
  const std::vector<std::string> ingress_class =
      Words(LineWith(out, "ingressclass.networking.k8s.io/nginx"));
  REQUIRE(ingress_class.size() >= 4);
  CHECK(std::find(ingress_class.begin(), ingress_class.end(), "k8s.io/ingress-nginx") !=
        ingress_class.end());
  CHECK(std::find(ingress_class.begin(), ingress_class.end(), "<none>") != ingress_class.end());
  CHECK(Words(LineWith(out, "POD-SELECTOR")) ==
        std::vector<std::string>{"NAMESPACE", "NAME", "POD-SELECTOR", "AGE"});
  const std::vector<std::string> policy =
      Words(LineWith(out, "networkpolicy.networking.k8s.io/db"));
  REQUIRE(policy.size() == 4);
  CHECK(policy[2] == "app=db");
  CHECK(Words(LineWith(out, "ADDRESSTYPE")) ==
        std::vector<std::string>{"NAMESPACE", "NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"});
  const std::vector<std::string> slice =
      Words(LineWith(out, "endpointslice.discovery.k8s.io/web-abc"));
  REQUIRE(slice.size() == 6);
  CHECK(slice[2] == "IPv4");
  CHECK(slice[3] == "80");
  CHECK(slice[4] == "10.1.0.5");

  // Defaults are applied on the way in.
  CHECK(MustRun(kubectl, {"get", "netpol", "db", "-o", "jsonpath={.spec.policyTypes}"}).out ==
        "[\"Ingress\"]");
  CHECK(MustRun(kubectl, {"get", "endpointslice", "web-abc", "-o", "jsonpath={.ports[0].protocol}"})
            .out == "TCP");

  // Discovery: short names, scope and kinds as upstream.
  CommandResult resources = MustRun(kubectl, {"api-resources"});
  INFO(resources.out);
  CHECK(Words(LineWith(resources.out, "ingresses ")) ==
        std::vector<std::string>{"ingresses", "ing", "networking.k8s.io/v1", "true", "Ingress"});
  CHECK(
      Words(LineWith(resources.out, "ingressclasses ")) ==
      std::vector<std::string>{"ingressclasses", "networking.k8s.io/v1", "false", "IngressClass"});
  CHECK(Words(LineWith(resources.out, "networkpolicies ")) ==
        std::vector<std::string>{"networkpolicies", "netpol", "networking.k8s.io/v1", "true",
                                 "NetworkPolicy"});
  CHECK(Words(LineWith(resources.out, "endpointslices ")) ==
        std::vector<std::string>{"endpointslices", "discovery.k8s.io/v1", "true", "EndpointSlice"});

  CommandResult explained = MustRun(kubectl, {"explain", "ingress.spec"});
  INFO(explained.out);
  CHECK(Contains(explained.out, "networking.k8s.io"));
  CHECK(Contains(explained.out, "ingressClassName"));
  CHECK(Contains(explained.out, "defaultBackend"));
}

TEST_CASE("an invalid Ingress is refused naming the field") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);
  CommandResult refused = kubectl.Run({"create", "-f", "-"}, R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: bad}
spec:
  rules:
  - http:
      paths:
      - {path: /, backend: {service: {name: web, port: {number: 80}}}}
)");
  INFO(refused.out << refused.err);
  CHECK(refused.exit_code != 0);
  CHECK(Contains(refused.err,
                 "The Ingress \"bad\" is invalid: "
                 "spec.rules[0].http.paths[0].pathType: Required value: pathType "
                 "must be specified"));
  CHECK(kubectl.Run({"get", "ingress", "bad"}).exit_code != 0);
}

TEST_CASE("a PUT to ingresses/status changes the status only") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);
  MustRun(kubectl, {"create", "-f", "-"}, kManifests);

  const std::string body = R"({"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
    "metadata": {"name": "web", "namespace": "default"},
    "spec": {"ingressClassName": "other",
             "defaultBackend": {"service": {"name": "other", "port": {"number": 81}}}},
    "status": {"loadBalancer": {"ingress": [{"ip": "203.0.113.7"}]}}})";
  MustRun(kubectl,
          {"replace", "--raw", "/apis/networking.k8s.io/v1/namespaces/default/ingresses/web/status",
           "-f", "-"},
          body);
  CommandResult after =
      MustRun(kubectl, {"get", "ingress", "web", "-o",
                        "jsonpath={.spec.ingressClassName} {.status.loadBalancer.ingress[0].ip} "
                        "{.metadata.generation}"});
  CHECK(after.out == "nginx 203.0.113.7 1");
  CommandResult table = MustRun(kubectl, {"get", "ing", "web"});
  INFO(table.out);
  CHECK(Contains(LineWith(table.out, "web"), " 203.0.113.7 "));

  // A status the load balancer could not have: the hostname is an IP.
  CommandResult refused =
      kubectl.Run({"replace", "--raw",
                   "/apis/networking.k8s.io/v1/namespaces/default/ingresses/web/status", "-f", "-"},
                  R"({"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
          "metadata": {"name": "web", "namespace": "default"},
          "status": {"loadBalancer": {"ingress": [{"hostname": "10.0.0.1"}]}}})");
  INFO(refused.err);
  CHECK(refused.exit_code != 0);
  CHECK(Contains(refused.err, "status.loadBalancer.ingress[0].hostname"));
}

}  // namespace
}  // namespace kube::testing
