// The kinds nearly every chart carries, in one kubectl command: each prints its
// own table with upstream's columns.

#include <catch2/catch.hpp>

#include "tests/integration/integration_helpers.h"

namespace kube::testing {
namespace {

constexpr char kObjects[] = R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  rules:
  - host: web.example.com
    http:
      paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 5
  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web}
spec: {podSelector: {matchLabels: {app: web}}}
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: batch-low}
value: 100
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: local, annotations: {storageclass.kubernetes.io/is-default-class: "true"}}
provisioner: rancher.io/local-path
volumeBindingMode: WaitForFirstConsumer
---
apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata: {name: crun}
handler: crun
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: web-abc, labels: {kubernetes.io/service-name: web}}
addressType: IPv4
endpoints: [{addresses: [10.88.0.7]}]
ports: [{name: http, port: 80, protocol: TCP}]
)";

TEST_CASE("kubectl get ingress,hpa,netpol,pc,sc,runtimeclass,endpointslices -A prints each table",
          "[api-breadth]") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);
  CommandResult created = kubectl.Run({"create", "-f", "-"}, kObjects);
  INFO(created.out << created.err);
  REQUIRE(created.exit_code == 0);
  CommandResult listed =
      kubectl.Run({"get", "ingress,hpa,netpol,pc,sc,runtimeclass,endpointslices", "-A"});
  INFO(listed.out << listed.err);
  REQUIRE(listed.exit_code == 0);
  // Each kind's header, then its rows (kubectl adds NAMESPACE to every table of an
  // -A listing, empty for cluster-scoped kinds).
  const std::vector<std::vector<std::string>> headers = {
      {"NAMESPACE", "NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"},
      {"NAMESPACE", "NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS", "AGE"},
      {"NAMESPACE", "NAME", "POD-SELECTOR", "AGE"},
      {"NAMESPACE", "NAME", "VALUE", "GLOBAL-DEFAULT", "AGE", "PREEMPTIONPOLICY"},
      {"NAMESPACE", "NAME", "PROVISIONER", "RECLAIMPOLICY", "VOLUMEBINDINGMODE",
       "ALLOWVOLUMEEXPANSION", "AGE"},
      {"NAMESPACE", "NAME", "HANDLER", "AGE"},
      {"NAMESPACE", "NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"}};
  std::vector<std::vector<std::string>> seen;
  std::istringstream lines(listed.out);
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> words = Words(line);
    if (!words.empty() && (words[0] == "NAME" || words[0] == "NAMESPACE")) seen.push_back(words);
  }
  CHECK(seen == headers);
  CHECK(Contains(LineWith(listed.out, "ingress.networking.k8s.io/web"),
                 "<none>   web.example.com             80"));
  CHECK(Contains(LineWith(listed.out, "horizontalpodautoscaler.autoscaling/web"),
                 "Deployment/web   cpu: <unknown>/80%   1         5         0"));
  CHECK(Contains(LineWith(listed.out, "networkpolicy.networking.k8s.io/web"), "app=web"));
  CHECK(Contains(LineWith(listed.out, "priorityclass.scheduling.k8s.io/batch-low"), "100"));
  CHECK(Contains(LineWith(listed.out, "storageclass.storage.k8s.io/local (default)"),
                 "rancher.io/local-path   Delete          WaitForFirstConsumer   false"));
  CHECK(Contains(LineWith(listed.out, "runtimeclass.node.k8s.io/crun"), "crun"));
  CHECK(Contains(LineWith(listed.out, "endpointslice.discovery.k8s.io/web-abc"),
                 "IPv4          80      10.88.0.7"));
}

}  // namespace
}  // namespace kube::testing
