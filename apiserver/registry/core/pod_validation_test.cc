#include "apiserver/registry/core/pod_validation.h"

#include "apiserver/registry/core/core_test_util.h"
#include "apiserver/registry/core/pod_defaults.h"

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::Pod;
using testing::Parse;

// A pod from text, defaulted as the store would before validating it.
api::FieldErrors ValidateText(const std::string& spec_text) {
  Pod pod = Parse<Pod>("spec { " + spec_text + " }");
  DefaultPod(pod);
  return ValidatePodSpec(pod.spec(), "spec");
}

constexpr char kWeb[] = R"(containers { name: "web" image: "nginx" })";

TEST_CASE("a minimal pod is valid") {
  api::FieldErrors errors = ValidateText(kWeb);
  INFO(Catch::Detail::stringify(testing::Strings(errors)));
  CHECK(errors.empty());
}

TEST_CASE("containers are required and need an image and a valid unique name") {
  CHECK_ERROR(ValidateText(""), "spec.containers: Required value");
  CHECK_ERROR(ValidateText(R"(containers { name: "web" })"), "spec.containers[0].image: Required value");
  CHECK_ERROR(ValidateText(R"(containers { image: "nginx" })"), "spec.containers[0].name: Required value");
  CHECK_ERROR_PREFIX(ValidateText(R"(containers { name: "Web" image: "nginx" })"),
                     "spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of");
  CHECK_ERROR(ValidateText(R"(initContainers { name: "web" image: "busybox" } containers { name: "web" image: "nginx" })"),
              "spec.containers[0].name: Duplicate value: \"web\"");
}

TEST_CASE("container ports") {
  CHECK_ERROR(ValidateText(R"(containers { name: "web" image: "nginx" ports { } })"),
              "spec.containers[0].ports[0].containerPort: Required value");
  CHECK_ERROR(ValidateText(R"(containers { name: "web" image: "nginx" ports { containerPort: 70000 } })"),
              "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive");
  CHECK_ERROR(ValidateText(R"(containers { name: "web" image: "nginx" ports { containerPort: 80 protocol: "HTTP" } })"),
              "spec.containers[0].ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"");
  CHECK_ERROR(ValidateText(R"(containers { name: "web" image: "nginx"
      ports { name: "http" containerPort: 80 } ports { name: "http" containerPort: 81 } })"),
              "spec.containers[0].ports[1].name: Duplicate value: \"http\"");
  CHECK_ERROR(ValidateText(R"(containers { name: "web" image: "nginx" ports { name: "HTTP" containerPort: 80 } })"),
              "spec.containers[0].ports[0].name: Invalid value: \"HTTP\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  CHECK_ERROR(ValidateText(R"(containers { name: "a" image: "nginx" ports { containerPort: 80 hostPort: 80 } }
      containers { name: "b" image: "nginx" ports { containerPort: 81 hostPort: 80 } })"),
              "spec.containers[1].ports[0].hostPort: Duplicate value: \"TCP//80\"");
}

TEST_CASE("environment variables") {
  CHECK_ERROR_PREFIX(ValidateText(R"(containers { name: "web" image: "nginx" env { name: "1BAD" } })"),
                     "spec.containers[0].env[0].name: Invalid value: \"1BAD\": a valid environment variable name must consist of");
  CHECK_ERROR(ValidateText(R"(containers { name: "web" image: "nginx" env { } })"),
              "spec.containers[0].env[0].name: Required value");
  CHECK_ERROR(ValidateText(R"(containers { name: "web" image: "nginx" env { name: "A" value: "x"
      valueFrom { secretKeyRef { localObjectReference { name: "s" } key: "k" } } } })"),
              "spec.containers[0].env[0].valueFrom: Invalid value: \"\": may not be specified when `value` is not empty");
}

TEST_CASE("volumes and volume mounts") {
  CHECK_ERROR(ValidateText(std::string(kWeb) + R"( volumes { name: "v" } volumes { name: "v" })"),
              "spec.volumes[1].name: Duplicate value: \"v\"");
  CHECK_ERROR(ValidateText(std::string(kWeb) + R"( volumes { name: "v" volumeSource {
      hostPath { path: "/tmp" } secret { secretName: "s" } } })"),
              "spec.volumes[0].secret: Forbidden: may not specify more than 1 volume type");
  CHECK_ERROR(ValidateText(std::string(kWeb) + R"( volumes { name: "v" volumeSource { hostPath { } } })"),
              "spec.volumes[0].hostPath.path: Required value");
  CHECK_ERROR(ValidateText(std::string(kWeb) + R"( volumes { name: "v" volumeSource { secret { } } })"),
              "spec.volumes[0].secret.secretName: Required value");
  CHECK_ERROR(ValidateText(R"(containers { name: "web" image: "nginx" volumeMounts { name: "data" mountPath: "/data" } })"),
              "spec.containers[0].volumeMounts[0].name: Not found: \"data\"");
  CHECK_ERROR(ValidateText(R"(containers { name: "web" image: "nginx" volumeMounts { name: "v" } } volumes { name: "v" })"),
              "spec.containers[0].volumeMounts[0].mountPath: Required value");
  CHECK_ERROR(ValidateText(R"(containers { name: "web" image: "nginx" volumeMounts { name: "v" mountPath: "/a" }
      volumeMounts { name: "v" mountPath: "/a" } } volumes { name: "v" })"),
              "spec.containers[0].volumeMounts[1].mountPath: Invalid value: \"/a\": must be unique");
}

TEST_CASE("restart and DNS policies") {
  CHECK_ERROR(ValidateText(std::string(kWeb) + R"( restartPolicy: "Sometimes")"),
              "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"");
  CHECK_ERROR(ValidateText(std::string(kWeb) + R"( dnsPolicy: "Custom")"),
              "spec.dnsPolicy: Unsupported value: \"Custom\": supported values: \"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\"");
  CHECK_ERROR(ValidateText(std::string(kWeb) + R"( dnsPolicy: "None")"),
              "spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None");
}

TEST_CASE("resources parse and requests stay within limits") {
  CHECK_ERROR_PREFIX(ValidateText(R"(containers { name: "web" image: "nginx"
      resources { limits { key: "cpu" value { string: "lots" } } } })"),
                     "spec.containers[0].resources.limits[cpu]: Invalid value: \"lots\": quantities must match the regular expression");
  CHECK_ERROR(ValidateText(R"(containers { name: "web" image: "nginx"
      resources { limits { key: "cpu" value { string: "1" } } requests { key: "cpu" value { string: "2" } } } })"),
              "spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1");
  CHECK_ERROR(ValidateText(R"(containers { name: "web" image: "nginx"
      resources { requests { key: "memory" value { string: "-1Gi" } } } })"),
              "spec.containers[0].resources.requests[memory]: Invalid value: \"-1Gi\": must be greater than or equal to 0");
  CHECK_ERROR(ValidateText(R"(containers { name: "web" image: "nginx"
      resources { requests { key: "disk" value { string: "1" } } } })"),
              "spec.containers[0].resources.requests[disk]: Invalid value: \"disk\": must be a standard resource type or fully qualified");
  CHECK_ERROR(ValidateText(R"(containers { name: "web" image: "nginx"
      resources { requests { key: "storage" value { string: "1" } } } })"),
              "spec.containers[0].resources.requests[storage]: Invalid value: \"storage\": must be a standard resource for containers");
  CHECK(ValidateText(R"(containers { name: "web" image: "nginx"
      resources { limits { key: "cpu" value { string: "1000m" } } requests { key: "cpu" value { string: "1" } } } })").empty());
}

TEST_CASE("probes have exactly one handler") {
  CHECK_ERROR(ValidateText(R"(containers { name: "web" image: "nginx" livenessProbe { } })"),
              "spec.containers[0].livenessProbe: Required value: must specify a handler type");
  CHECK_ERROR(ValidateText(R"(containers { name: "web" image: "nginx" livenessProbe { handler {
      exec { command: "true" } tcpSocket { port { intVal: 80 } } } } })"),
              "spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type");
  CHECK_ERROR(ValidateText(R"(containers { name: "web" image: "nginx" livenessProbe {
      handler { exec { command: "true" } } successThreshold: 2 } })"),
              "spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1");
  CHECK_ERROR(ValidateText(R"(containers { name: "web" image: "nginx" readinessProbe {
      handler { exec { command: "true" } } initialDelaySeconds: -1 } })"),
              "spec.containers[0].readinessProbe.initialDelaySeconds: Invalid value: -1: must be greater than or equal to 0");
  CHECK_ERROR(ValidateText(R"(containers { name: "web" image: "nginx" readinessProbe {
      handler { httpGet { port { intVal: 0 } } } } })"),
              "spec.containers[0].readinessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive");
  CHECK_ERROR(ValidateText(R"(initContainers { name: "init" image: "busybox" readinessProbe {
      handler { exec { command: "true" } } } } )" + std::string(kWeb)),
              "spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always");
}

TEST_CASE("pod-level fields") {
  CHECK_ERROR(ValidateText(std::string(kWeb) + " terminationGracePeriodSeconds: -1"),
              "spec.terminationGracePeriodSeconds: Invalid value: -1: must be greater than or equal to 0");
  CHECK_ERROR(ValidateText(std::string(kWeb) + " activeDeadlineSeconds: 0"),
              "spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive");
  CHECK_ERROR_PREFIX(ValidateText(std::string(kWeb) + R"( nodeName: "Node_1")"),
                     "spec.nodeName: Invalid value: \"Node_1\": a lowercase RFC 1123 subdomain");
  CHECK_ERROR(ValidateText(std::string(kWeb) + R"( tolerations { operator: "Equal" value: "x" })"),
              "spec.tolerations[0].operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty, which means \"match all values and all keys\"");
  CHECK_ERROR(ValidateText(std::string(kWeb) + R"( tolerations { key: "k" operator: "Exists" effect: "NoSchedule" tolerationSeconds: 5 })"),
              "spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set");
  CHECK_ERROR(ValidateText(std::string(kWeb) + R"( tolerations { key: "k" operator: "Exists" effect: "Never" })"),
              "spec.tolerations[0].effect: Unsupported value: \"Never\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"");
}

TEST_CASE("pod templates validate labels and the spec under their path") {
  auto spec = Parse<k8s::core::v1::PodTemplateSpec>(R"(metadata { labels { key: "app" value: "-bad-" } }
      spec { containers { name: "web" } })");
  DefaultPodSpec(*spec.mutable_spec());
  api::FieldErrors errors = ValidatePodTemplateSpec(spec, "spec.template");
  CHECK_ERROR(errors, "spec.template.spec.containers[0].image: Required value");
  CHECK_ERROR_PREFIX(errors, "spec.template.labels: Invalid value: \"-bad-\"");
}

}  // namespace
}  // namespace kube::apiserver::core
