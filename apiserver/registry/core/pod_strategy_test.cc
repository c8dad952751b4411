#include "apiserver/registry/core/pod_strategy.h"

#include "apiserver/registry/core/core_test_util.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::Pod;
using testing::Parse;

Pod Created(const std::string& text) {
  PodStrategy strategy;
  Pod pod = Parse<Pod>(text);
  strategy.Default(pod);
  strategy.PrepareForCreate(pod);
  return pod;
}

TEST_CASE("PrepareForCreate: status Pending with a QoS class, nodeName kept") {
  Pod pod = Created(R"(spec { nodeName: "node-1" containers { name: "web" image: "nginx" } }
      status { phase: "Running" podIP: "10.1.1.1" })");
  CHECK(pod.status().phase() == "Pending");
  CHECK(pod.status().qosclass() == "BestEffort");
  CHECK(pod.status().podip().empty());
  CHECK(pod.spec().nodename() == "node-1");
}

TEST_CASE("PrepareForCreate applies the default tolerations") {
  Pod pod = Created(R"(spec { containers { name: "web" image: "nginx" } })");
  // Priority is the Priority admission plugin's (apiserver/admission/priority).
  CHECK_FALSE(pod.spec().has_priority());
  REQUIRE(pod.spec().tolerations_size() == 2);
  CHECK(pod.spec().tolerations(0).key() == "node.kubernetes.io/not-ready");
  CHECK(pod.spec().tolerations(0).operator_() == "Exists");
  CHECK(pod.spec().tolerations(0).effect() == "NoExecute");
  CHECK(pod.spec().tolerations(0).tolerationseconds() == 300);
  CHECK(pod.spec().tolerations(1).key() == "node.kubernetes.io/unreachable");
  PodStrategy strategy;
  CHECK(strategy.Validate(pod).empty());
}

TEST_CASE("preemptionPolicy must be PreemptLowerPriority or Never") {
  PodStrategy strategy;
  Pod pod = Created(R"(spec { containers { name: "web" image: "nginx" } preemptionPolicy: "Sometimes" })");
  api::FieldErrors errors = strategy.Validate(pod);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].ToString() ==
        "spec.preemptionPolicy: Unsupported value: \"Sometimes\": supported values: "
        "\"PreemptLowerPriority\", \"Never\"");
  pod.mutable_spec()->set_preemptionpolicy("Never");
  CHECK(strategy.Validate(pod).empty());
}

TEST_CASE("runtimeClassName and overhead are validated") {
  PodStrategy strategy;
  Pod pod = Created(R"(spec { containers { name: "web" image: "nginx" } runtimeClassName: "Bad_Name"
      overhead { key: "cpu" value { string: "-1" } } })");
  api::FieldErrors errors = strategy.Validate(pod);
  bool runtime_class = false;
  bool overhead = false;
  for (const auto& error : errors) {
    runtime_class |= error.field == "spec.runtimeClassName";
    overhead |= error.ToString() ==
                "spec.overhead.limits[cpu]: Invalid value: \"-1\": must be greater than or equal to 0";
  }
  CHECK(runtime_class);
  CHECK(overhead);
  pod.mutable_spec()->set_runtimeclassname("gvisor");
  (*pod.mutable_spec()->mutable_overhead())["cpu"].set_string("250m");
  CHECK(strategy.Validate(pod).empty());
}

TEST_CASE("default tolerations are not added twice") {
  Pod pod = Created(R"(spec { serviceAccountName: "robot" containers { name: "web" image: "nginx" }
      tolerations { key: "node.kubernetes.io/not-ready" operator: "Exists" effect: "NoExecute" tolerationSeconds: 10 } })");
  CHECK(pod.spec().serviceaccountname() == "robot");
  REQUIRE(pod.spec().tolerations_size() == 2);
  CHECK(pod.spec().tolerations(0).tolerationseconds() == 10);
  CHECK(pod.spec().tolerations(1).key() == "node.kubernetes.io/unreachable");

  Pod everything = Created(R"(spec { containers { name: "web" image: "nginx" } tolerations { operator: "Exists" } })");
  CHECK(everything.spec().tolerations_size() == 1);
}

TEST_CASE("pod field selectors") {
  PodStrategy strategy;
  Pod pod = Parse<Pod>(R"(spec { nodeName: "n1" restartPolicy: "Never" schedulerName: "s"
      serviceAccountName: "sa" hostNetwork: true }
      status { phase: "Running" podIP: "10.0.0.9" podIPs { ip: "10.0.0.9" } nominatedNodeName: "n2" })");
  CHECK(strategy.SelectableField(pod, "spec.nodeName") == "n1");
  CHECK(strategy.SelectableField(pod, "spec.restartPolicy") == "Never");
  CHECK(strategy.SelectableField(pod, "spec.schedulerName") == "s");
  CHECK(strategy.SelectableField(pod, "spec.serviceAccountName") == "sa");
  CHECK(strategy.SelectableField(pod, "spec.hostNetwork") == "true");
  CHECK(strategy.SelectableField(pod, "status.phase") == "Running");
  CHECK(strategy.SelectableField(pod, "status.podIP") == "10.0.0.9");
  CHECK(strategy.SelectableField(pod, "status.nominatedNodeName") == "n2");
  CHECK_FALSE(strategy.SelectableField(pod, "spec.containers").has_value());
  // An unscheduled pod has spec.nodeName "", so `spec.nodeName=` selects it, and
  // the store learns which fields exist from the empty prototype.
  CHECK(strategy.SelectableField(Pod::default_instance(), "spec.nodeName") == "");
  CHECK(strategy.SelectableField(Pod::default_instance(), "spec.hostNetwork") == "false");
}

TEST_CASE("status updates validate addresses") {
  PodStrategy strategy;
  Pod pod = Parse<Pod>(R"(status { podIP: "10.0.0.300" podIPs { ip: "nope" } })");
  api::FieldErrors errors = strategy.ValidateStatusUpdate(pod, pod);
  CHECK_ERROR(errors, "status.podIP: Invalid value: \"10.0.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
  CHECK_ERROR_PREFIX(errors, "status.podIPs[0]: Invalid value: \"nope\"");
}

}  // namespace
}  // namespace kube::apiserver::core
