#include "apiserver/registry/core/pod_update_validation.h"

#include "apiserver/registry/core/core_test_util.h"
#include "apiserver/registry/core/pod_defaults.h"

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::Pod;
using testing::Parse;

const char kForbidden[] =
    "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,"
    "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only "
    "additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set "
    "to 1 if it was previously negative)";

Pod Running() {
  Pod pod = Parse<Pod>(R"(spec { nodeName: "node-1" containers { name: "web" image: "nginx:1.24"
      ports { containerPort: 80 } }
      tolerations { key: "a" operator: "Exists" effect: "NoExecute" tolerationSeconds: 10 } })");
  DefaultPod(pod);
  return pod;
}

TEST_CASE("images may change") {
  Pod old = Running();
  Pod pod = old;
  pod.mutable_spec()->mutable_containers(0)->set_image("nginx:1.25");
  CHECK(ValidatePodSpecUpdate(pod.spec(), old.spec()).empty());
}

TEST_CASE("other spec changes are forbidden with upstream's message") {
  Pod old = Running();
  Pod pod = old;
  pod.mutable_spec()->mutable_containers(0)->mutable_ports(0)->set_containerport(8080);
  CHECK_ERROR(ValidatePodSpecUpdate(pod.spec(), old.spec()), kForbidden);

  pod = old;
  pod.mutable_spec()->set_nodename("node-2");
  CHECK_ERROR(ValidatePodSpecUpdate(pod.spec(), old.spec()), kForbidden);
}

TEST_CASE("containers may not be added or lose their image") {
  Pod old = Running();
  Pod pod = old;
  pod.mutable_spec()->add_containers()->set_name("side");
  CHECK_ERROR(ValidatePodSpecUpdate(pod.spec(), old.spec()),
              "spec.containers: Forbidden: pod updates may not add or remove containers");
  pod = old;
  pod.mutable_spec()->mutable_containers(0)->clear_image();
  CHECK_ERROR(ValidatePodSpecUpdate(pod.spec(), old.spec()), "spec.containers[0].image: Required value");
}

TEST_CASE("activeDeadlineSeconds may be set or lowered, never raised or removed") {
  Pod old = Running();
  Pod pod = old;
  pod.mutable_spec()->set_activedeadlineseconds(100);
  CHECK(ValidatePodSpecUpdate(pod.spec(), old.spec()).empty());
  Pod later = pod;
  later.mutable_spec()->set_activedeadlineseconds(200);
  CHECK_ERROR(ValidatePodSpecUpdate(later.spec(), pod.spec()),
              "spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value");
  later.mutable_spec()->clear_activedeadlineseconds();
  CHECK_ERROR(ValidatePodSpecUpdate(later.spec(), pod.spec()),
              "spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value");
}

TEST_CASE("tolerations may only be added, or change their seconds") {
  Pod old = Running();
  Pod pod = old;
  auto* added = pod.mutable_spec()->add_tolerations();
  added->set_key("b");
  added->set_operator_("Exists");
  pod.mutable_spec()->mutable_tolerations(0)->set_tolerationseconds(20);
  CHECK(ValidatePodSpecUpdate(pod.spec(), old.spec()).empty());

  pod = old;
  pod.mutable_spec()->mutable_tolerations(0)->set_key("c");
  CHECK_ERROR(ValidatePodSpecUpdate(pod.spec(), old.spec()),
              "spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds");
}

TEST_CASE("a negative grace period may become 1") {
  Pod old = Running();
  old.mutable_spec()->set_terminationgraceperiodseconds(-1);
  Pod pod = old;
  pod.mutable_spec()->set_terminationgraceperiodseconds(1);
  CHECK(ValidatePodSpecUpdate(pod.spec(), old.spec()).empty());
  pod.mutable_spec()->set_terminationgraceperiodseconds(5);
  CHECK_ERROR(ValidatePodSpecUpdate(pod.spec(), old.spec()), kForbidden);
}

}  // namespace
}  // namespace kube::apiserver::core
