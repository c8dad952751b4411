// admissionregistration.k8s.io, flowcontrol.apiserver.k8s.io and
// apiregistration.k8s.io through the real kubectl: stored objects with upstream's
// defaults, validation and tables; the mandatory flowcontrol objects and the local
// APIServices the apiserver writes at start.

#include <catch2/catch.hpp>

#include "tests/integration/integration_helpers.h"
#include "tests/support/eventually.h"

namespace kube::testing {
namespace {

// templates/admission-webhooks/validating-webhook.yaml of the ingress-nginx chart,
// rendered for release "ingress-nginx" in namespace "ingress-nginx".
constexpr char kIngressNginxWebhook[] = R"(apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  labels:
    helm.sh/chart: ingress-nginx-4.12.0
    app.kubernetes.io/name: ingress-nginx
    app.kubernetes.io/instance: ingress-nginx
    app.kubernetes.io/version: "1.12.0"
    app.kubernetes.io/part-of: ingress-nginx
    app.kubernetes.io/managed-by: Helm
    app.kubernetes.io/component: admission-webhook
  name: "ingress-nginx-ingress-nginx-admission"
webhooks:
  - name: validate.nginx.ingress.kubernetes.io
    matchPolicy: Equivalent
    rules:
      - apiGroups:
          - networking.k8s.io
        apiVersions:
          - v1
        operations:
          - CREATE
          - UPDATE
        resources:
          - ingresses
    failurePolicy: Fail
    sideEffects: None
    admissionReviewVersions:
      - v1
    clientConfig:
      service:
        namespace: "ingress-nginx"
        name: ingress-nginx-controller-admission
        path: /networking/v1/ingresses
)";

TEST_CASE("A ValidatingWebhookConfiguration as ingress-nginx renders it is stored with defaults") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);
  MustRun(kubectl, {"apply", "-f", "-"}, kIngressNginxWebhook);
  const std::string object = "validatingwebhookconfiguration/ingress-nginx-ingress-nginx-admission";
  CHECK(JsonPathOf(kubectl, object, ".webhooks[0].timeoutSeconds") == "10");
  CHECK(JsonPathOf(kubectl, object, ".webhooks[0].failurePolicy") == "Fail");
  CHECK(JsonPathOf(kubectl, object, ".webhooks[0].matchPolicy") == "Equivalent");
  CHECK(JsonPathOf(kubectl, object, ".webhooks[0].namespaceSelector") == "{}");
  CHECK(JsonPathOf(kubectl, object, ".webhooks[0].objectSelector") == "{}");
  CHECK(JsonPathOf(kubectl, object, ".webhooks[0].rules[0].scope") == "*");
  CHECK(JsonPathOf(kubectl, object, ".webhooks[0].clientConfig.service.port") == "443");
  CHECK(JsonPathOf(kubectl, object, ".metadata.generation") == "1");

  std::string table = MustRun(kubectl, {"get", "validatingwebhookconfigurations"}).out;
  INFO(table);
  CHECK(TableRow(table, "NAME") == std::vector<std::string>{"NAME", "WEBHOOKS", "AGE"});
  std::vector<std::string> row = TableRow(table, "ingress-nginx-ingress-nginx-admission");
  REQUIRE(row.size() == 3);
  CHECK(row[1] == "1");

  // Applying the same manifest again changes nothing; a changed webhook is a new
  // generation.
  MustRun(kubectl, {"apply", "-f", "-"}, kIngressNginxWebhook);
  CHECK(JsonPathOf(kubectl, object, ".metadata.generation") == "1");
  MustRun(kubectl, {"patch", object, "--type=json", "-p",
                    R"([{"op":"replace","path":"/webhooks/0/timeoutSeconds","value":5}])"});
  CHECK(JsonPathOf(kubectl, object, ".metadata.generation") == "2");
}

TEST_CASE("Admission objects are validated with upstream's field paths") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);
  CommandResult insecure =
      kubectl.Run({"apply", "-f", "-"}, R"(apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata: {name: insecure}
webhooks:
  - name: inject.example.com
    admissionReviewVersions: [v1]
    sideEffects: Some
    clientConfig: {url: "http://hooks.example.com/inject"}
)");
  CHECK(insecure.exit_code != 0);
  CHECK(Contains(insecure.err,
                 "webhooks[0].clientConfig.url: Invalid value: \"http\": 'https' "
                 "is the only allowed URL scheme; desired format: "
                 "https://host[/path]"));
  CHECK(Contains(insecure.err,
                 "webhooks[0].sideEffects: Unsupported value: \"Some\": supported "
                 "values: \"None\", \"NoneOnDryRun\""));

  // CEL is stored as written: nothing compiles it yet.
  MustRun(kubectl, {"apply", "-f", "-"}, R"(apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: replica-limit}
spec:
  matchConstraints:
    resourceRules:
      - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [deployments]}
  validations:
    - expression: "object.spec.replicas <= 5"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: replica-limit}
spec:
  policyName: replica-limit
  validationActions: [Deny]
)");
  CHECK(JsonPathOf(kubectl, "validatingadmissionpolicy/replica-limit", ".spec.failurePolicy") ==
        "Fail");
  CHECK(JsonPathOf(kubectl, "validatingadmissionpolicy/replica-limit",
                   ".spec.matchConstraints.matchPolicy") == "Equivalent");
  std::vector<std::string> policy =
      TableRow(MustRun(kubectl, {"get", "validatingadmissionpolicies"}).out, "replica-limit");
  REQUIRE(policy.size() == 4);
  CHECK(policy[1] == "1");
  CHECK(policy[2] == "<unset>");
  std::vector<std::string> binding =
      TableRow(MustRun(kubectl, {"get", "validatingadmissionpolicybindings"}).out, "replica-limit");
  REQUIRE(binding.size() == 4);
  CHECK(binding[1] == "replica-limit");

  CommandResult empty =
      kubectl.Run({"apply", "-f", "-"}, R"(apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: empty}
spec: {}
)");
  CHECK(empty.exit_code != 0);
  CHECK(Contains(empty.err, "spec.matchConstraints: Required value"));
  CHECK(Contains(empty.err,
                 "spec.validations: Required value: validations or auditAnnotations "
                 "must contain at least one item"));
}

TEST_CASE("kubectl get apiservices lists the built-in group-versions as Local") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);
  std::string table = MustRun(kubectl, {"get", "apiservices"}).out;
  INFO(table);
  CHECK(TableRow(table, "NAME") == std::vector<std::string>{"NAME", "SERVICE", "AVAILABLE", "AGE"});
  for (const char* name : {"v1.", "v1.apps", "v1.batch", "v1.rbac.authorization.k8s.io",
                           "v1.admissionregistration.k8s.io", "v1.flowcontrol.apiserver.k8s.io"}) {
    std::vector<std::string> row = TableRow(table, name);
    INFO(name);
    REQUIRE(row.size() == 4);
    CHECK(row[1] == "Local");
    CHECK(row[2] == "True");
  }
  CHECK(JsonPathOf(kubectl, "apiservice/v1.apps", ".spec.groupPriorityMinimum") == "17800");
  CHECK(JsonPathOf(kubectl, "apiservice/v1.apps", ".spec.versionPriority") == "15");
  CHECK(JsonPathOf(kubectl, "apiservice/v1.apps", ".status.conditions[0].reason") == "Local");

  // An aggregated API is stored, but nothing serves it: its Service is missing.
  MustRun(kubectl, {"apply", "-f", "-"}, R"(apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: {name: v1beta1.metrics.k8s.io}
spec:
  group: metrics.k8s.io
  version: v1beta1
  groupPriorityMinimum: 100
  versionPriority: 100
  insecureSkipTLSVerify: true
  service: {namespace: kube-system, name: metrics-server}
)");
  std::vector<std::string> metrics;
  CHECK(Eventually([&] {
    metrics = TableRow(MustRun(kubectl, {"get", "apiservices"}).out, "v1beta1.metrics.k8s.io");
    return metrics.size() == 5 && metrics[2] == "False";
  }));
  REQUIRE(metrics.size() == 5);  // "False (ServiceNotFound)" is two words
  CHECK(metrics[1] == "kube-system/metrics-server");
  CHECK(metrics[3] == "(ServiceNotFound)");
  CHECK(JsonPathOf(kubectl, "apiservice/v1beta1.metrics.k8s.io", ".spec.service.port") == "443");

  CommandResult misnamed =
      kubectl.Run({"apply", "-f", "-"}, R"(apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: {name: v1.wrong.example.com}
spec: {group: example.com, version: v1, groupPriorityMinimum: 100, versionPriority: 10}
)");
  CHECK(misnamed.exit_code != 0);
  CHECK(Contains(misnamed.err,
                 "metadata.name: Invalid value: \"v1.wrong.example.com\": must be "
                 "`spec.version+\".\"+spec.group`: \"v1.example.com\""));
}

TEST_CASE("The mandatory flowcontrol objects are created at start and kept across restarts") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);
  std::string table = MustRun(kubectl, {"get", "flowschemas,prioritylevelconfigurations"}).out;
  INFO(table);
  std::vector<std::string> exempt =
      TableRow(table, "flowschema.flowcontrol.apiserver.k8s.io/exempt");
  REQUIRE(exempt.size() == 6);
  CHECK(exempt[1] == "exempt");
  CHECK(exempt[2] == "1");
  CHECK(exempt[3] == "<none>");
  std::vector<std::string> catch_all =
      TableRow(table, "flowschema.flowcontrol.apiserver.k8s.io/catch-all");
  REQUIRE(catch_all.size() == 6);
  CHECK(catch_all[2] == "10000");
  CHECK(catch_all[3] == "ByUser");
  std::vector<std::string> level =
      TableRow(table, "prioritylevelconfiguration.flowcontrol.apiserver.k8s.io/catch-all");
  REQUIRE(level.size() == 7);
  CHECK(level[1] == "Limited");
  CHECK(level[2] == "5");
  CHECK(level[3] == "<none>");
  std::vector<std::string> exempt_level =
      TableRow(table, "prioritylevelconfiguration.flowcontrol.apiserver.k8s.io/exempt");
  REQUIRE(exempt_level.size() == 7);
  CHECK(exempt_level[1] == "Exempt");

  const std::string uid = JsonPathOf(kubectl, "flowschema/catch-all", ".metadata.uid");
  std::string why;
  REQUIRE(server.Restart(&why));
  CHECK(JsonPathOf(kubectl, "flowschema/catch-all", ".metadata.uid") == uid);
  CHECK(JsonPathOf(kubectl, "prioritylevelconfiguration/exempt", ".spec.type") == "Exempt");

  CommandResult changed = kubectl.Run({"patch", "flowschema", "catch-all", "--type=merge", "-p",
                                       R"({"spec":{"matchingPrecedence":9000}})"});
  CHECK(changed.exit_code != 0);
  CHECK(Contains(changed.err, "spec of 'catch-all' must equal the fixed value"));
  CommandResult bad =
      kubectl.Run({"apply", "-f", "-"}, R"(apiVersion: flowcontrol.apiserver.k8s.io/v1
kind: PriorityLevelConfiguration
metadata: {name: tiny}
spec:
  type: Limited
  limited:
    limitResponse: {type: Queue, queuing: {queues: 4, handSize: 5}}
)");
  CHECK(bad.exit_code != 0);
  CHECK(Contains(bad.err,
                 "spec.limited.limitResponse.queuing.handSize: Invalid value: 5: should "
                 "not be greater than queues (4)"));
}

}  // namespace
}  // namespace kube::testing
