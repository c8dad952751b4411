#include "apiserver/registry/core/pod_defaults.h"

#include "apiserver/registry/core/core_test_util.h"

namespace kube::apiserver::core {
namespace {

using testing::Parse;
using k8s::core::v1::Pod;

TEST_CASE("DefaultPod fills upstream's pod-level defaults") {
  Pod pod = Parse<Pod>(R"(spec { containers { name: "web" image: "nginx" } })");
  DefaultPod(pod);
  const auto& spec = pod.spec();
  CHECK(spec.restartpolicy() == "Always");
  CHECK(spec.dnspolicy() == "ClusterFirst");
  CHECK(spec.terminationgraceperiodseconds() == 30);
  CHECK(spec.schedulername() == "default-scheduler");
  CHECK(spec.has_securitycontext());
  CHECK(spec.has_enableservicelinks());
  CHECK(spec.enableservicelinks());
}

TEST_CASE("DefaultPod keeps what the client set") {
  Pod pod = Parse<Pod>(R"(spec {
    containers { name: "web" image: "nginx" imagePullPolicy: "Never" }
    restartPolicy: "Never" dnsPolicy: "Default" terminationGracePeriodSeconds: 0
    enableServiceLinks: false schedulerName: "mine" })");
  DefaultPod(pod);
  CHECK(pod.spec().restartpolicy() == "Never");
  CHECK(pod.spec().dnspolicy() == "Default");
  CHECK(pod.spec().terminationgraceperiodseconds() == 0);
  CHECK_FALSE(pod.spec().enableservicelinks());
  CHECK(pod.spec().schedulername() == "mine");
  CHECK(pod.spec().containers(0).imagepullpolicy() == "Never");
}

TEST_CASE("imagePullPolicy follows the image tag") {
  CHECK(DefaultImagePullPolicy("nginx") == "Always");
  CHECK(DefaultImagePullPolicy("nginx:latest") == "Always");
  CHECK(DefaultImagePullPolicy("nginx:1.25") == "IfNotPresent");
  CHECK(DefaultImagePullPolicy("localhost:5000/nginx") == "Always");
  CHECK(DefaultImagePullPolicy("localhost:5000/nginx:1.0") == "IfNotPresent");
  CHECK(DefaultImagePullPolicy("nginx@sha256:0123456789abcdef") == "IfNotPresent");
  CHECK(DefaultImagePullPolicy("nginx:latest@sha256:0123456789abcdef") == "Always");
}

TEST_CASE("container defaults: termination message, ports, env, probes") {
  Pod pod = Parse<Pod>(R"(spec { containers {
    name: "web" image: "nginx:1.25"
    ports { containerPort: 80 }
    env { name: "NODE" valueFrom { fieldRef { fieldPath: "spec.nodeName" } } }
    livenessProbe { handler { httpGet { port { type: 0 intVal: 80 } } } }
    readinessProbe { handler { tcpSocket { port { type: 0 intVal: 80 } } } periodSeconds: 5 }
    lifecycle { preStop { httpGet { port { type: 0 intVal: 80 } } } }
  } })");
  DefaultPod(pod);
  const auto& container = pod.spec().containers(0);
  CHECK(container.imagepullpolicy() == "IfNotPresent");
  CHECK(container.terminationmessagepath() == "/dev/termination-log");
  CHECK(container.terminationmessagepolicy() == "File");
  CHECK(container.ports(0).protocol() == "TCP");
  CHECK(container.env(0).valuefrom().fieldref().apiversion() == "v1");
  const auto& liveness = container.livenessprobe();
  CHECK(liveness.timeoutseconds() == 1);
  CHECK(liveness.periodseconds() == 10);
  CHECK(liveness.successthreshold() == 1);
  CHECK(liveness.failurethreshold() == 3);
  CHECK(liveness.handler().httpget().path() == "/");
  CHECK(liveness.handler().httpget().scheme() == "HTTP");
  CHECK(container.readinessprobe().periodseconds() == 5);
  CHECK(container.lifecycle().prestop().httpget().scheme() == "HTTP");
}

TEST_CASE("requests default to limits, per resource, only for pods") {
  const std::string text = R"(spec { containers { name: "web" image: "nginx"
    resources { limits { key: "cpu" value { string: "1" } } limits { key: "memory" value { string: "1Gi" } }
                requests { key: "cpu" value { string: "500m" } } } } })";
  Pod pod = Parse<Pod>(text);
  DefaultPod(pod);
  const auto& requests = pod.spec().containers(0).resources().requests();
  CHECK(requests.at("cpu").string() == "500m");
  CHECK(requests.at("memory").string() == "1Gi");

  Pod template_pod = Parse<Pod>(text);
  DefaultPodSpec(*template_pod.mutable_spec());
  CHECK_FALSE(template_pod.spec().containers(0).resources().requests().contains("memory"));
  CHECK_FALSE(template_pod.spec().has_enableservicelinks());
}

TEST_CASE("hostNetwork pods get host ports equal to container ports") {
  Pod pod = Parse<Pod>(R"(spec { hostNetwork: true containers { name: "web" image: "nginx"
    ports { containerPort: 8080 } } })");
  DefaultPod(pod);
  CHECK(pod.spec().containers(0).ports(0).hostport() == 8080);
}

TEST_CASE("volume defaults") {
  Pod pod = Parse<Pod>(R"(spec { containers { name: "web" image: "nginx" }
    volumes { name: "scratch" }
    volumes { name: "secret" volumeSource { secret { secretName: "s" } } }
    volumes { name: "config" volumeSource { configMap { localObjectReference { name: "c" } } } }
    volumes { name: "host" volumeSource { hostPath { path: "/tmp" } } }
    volumes { name: "mode" volumeSource { secret { secretName: "s" defaultMode: 256 } } } })");
  DefaultPod(pod);
  const auto& volumes = pod.spec().volumes();
  CHECK(volumes[0].volumesource().has_emptydir());
  CHECK(volumes[1].volumesource().secret().defaultmode() == 0644);
  CHECK(volumes[2].volumesource().configmap().defaultmode() == 0644);
  CHECK(volumes[3].volumesource().hostpath().has_type());
  CHECK(volumes[3].volumesource().hostpath().type().empty());
  CHECK(volumes[4].volumesource().secret().defaultmode() == 256);
}

TEST_CASE("defaulting twice changes nothing") {
  Pod pod = Parse<Pod>(R"(spec { containers { name: "web" image: "nginx" ports { containerPort: 80 }
    resources { limits { key: "cpu" value { string: "1" } } } } volumes { name: "v" } })");
  DefaultPod(pod);
  Pod again = pod;
  DefaultPod(again);
  CHECK(again.SerializeAsString() == pod.SerializeAsString());
}

}  // namespace
}  // namespace kube::apiserver::core
