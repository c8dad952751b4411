#include "apiserver/admission/runtimeclass/runtime_class_admission.h"

#include <catch2/catch.hpp>

#include "apiserver/registry/apps/apps_test_util.h"
#include "apiserver/registry/apps/store_test_util.h"
#include "apiserver/registry/node/register_node.h"
#include "common/api/errors.h"
#include "k8s/core/v1/core.pb.h"
#include "k8s/node/v1/node.pb.h"

namespace kube::apiserver::admission {
namespace {

using k8s::core::v1::Pod;
using k8s::node::v1::RuntimeClass;
using testing::Parse;

// A RuntimeClass store over SQLite with two classes, and the plugin on it.
class Fixture {
 public:
  Fixture() {
    RegisterNodeResources(fixture_.registry(), fixture_.config());
    Store& classes = fixture_.StoreFor("node.k8s.io", "RuntimeClass");
    for (const char* text : {"metadata { name: 'crun' } handler: 'crun'",
                             "metadata { name: 'gvisor' } handler: 'runsc' "
                             "overhead { podFixed { key: 'cpu' value { string: '250m' } } "
                             "           podFixed { key: 'memory' value { string: '120Mi' } } } "
                             "scheduling { nodeSelector { key: 'sandbox' value: 'gvisor' } "
                             "             tolerations { key: 'sandbox' operator: 'Exists' effect: "
                             "'NoSchedule' } }"}) {
      REQUIRE(
          classes.Create("", std::make_unique<RuntimeClass>(Parse<RuntimeClass>(text)), {}).ok());
    }
    pods_.kind = "Pod";
    pods_.resource = "pods";
    plugin_ = std::make_unique<RuntimeClassAdmission>(classes);
  }

  // Admit then Validate, as the chain runs them around validation.
  absl::Status CreatePod(Pod& pod) {
    Request request{Operation::kCreate,    &pods_, "",      "default",
                    pod.metadata().name(), &pod,   nullptr, &user_};
    if (absl::Status admitted = plugin_->Admit(request); !admitted.ok()) return admitted;
    return plugin_->Validate(request);
  }

 private:
  testing::StoreFixture fixture_;
  ResourceInfo pods_;
  auth::UserInfo user_;  // any user: the plugin does not look at who asks
  std::unique_ptr<RuntimeClassAdmission> plugin_;
};

TEST_CASE("RuntimeClass admission brings the class's overhead and scheduling into the pod",
          "[admission][runtimeclass]") {
  Fixture fixture;
  SECTION("no class, nothing changes") {
    Pod pod = Parse<Pod>("metadata { name: 'p' } spec { containers { name: 'c' } }");
    REQUIRE(fixture.CreatePod(pod).ok());
    CHECK(pod.spec().overhead().empty());
  }
  SECTION("a class without overhead or scheduling") {
    Pod pod = Parse<Pod>("metadata { name: 'p' } spec { runtimeClassName: 'crun' }");
    REQUIRE(fixture.CreatePod(pod).ok());
    CHECK(pod.spec().overhead().empty());
    CHECK(pod.spec().nodeselector().empty());
  }
  SECTION("overhead, node selector and tolerations") {
    Pod pod = Parse<Pod>(
        "metadata { name: 'p' } spec { runtimeClassName: 'gvisor' "
        "nodeSelector { key: 'disk' value: 'ssd' } "
        "tolerations { key: 'sandbox' operator: 'Exists' effect: 'NoSchedule' } }");
    REQUIRE(fixture.CreatePod(pod).ok());
    CHECK(pod.spec().overhead().at("cpu").string() == "250m");
    CHECK(pod.spec().overhead().at("memory").string() == "120Mi");
    CHECK(pod.spec().nodeselector().at("sandbox") == "gvisor");
    CHECK(pod.spec().nodeselector().at("disk") == "ssd");
    CHECK(pod.spec().tolerations_size() == 1);  // the same toleration once
  }
  SECTION("a pod's own overhead must be the class's") {
    Pod same = Parse<Pod>(
        "metadata { name: 'p' } spec { runtimeClassName: 'gvisor' "
        "overhead { key: 'cpu' value { string: '0.25' } } "
        "overhead { key: 'memory' value { string: '120Mi' } } }");
    CHECK(fixture.CreatePod(same).ok());  // 0.25 is 250m
    Pod other = Parse<Pod>(
        "metadata { name: 'p' } spec { runtimeClassName: 'gvisor' "
        "overhead { key: 'cpu' value { string: '1' } } }");
    absl::Status refused = fixture.CreatePod(other);
    CHECK(api::HttpCode(refused) == 403);
    CHECK(refused.message() ==
          "pods \"p\" is forbidden: pod rejected: Pod's Overhead doesn't match RuntimeClass's "
          "defined Overhead");
    Pod classless = Parse<Pod>(
        "metadata { name: 'p' } spec { runtimeClassName: 'crun' "
        "overhead { key: 'cpu' value { string: '1' } } }");
    CHECK(fixture.CreatePod(classless).message() ==
          "pods \"p\" is forbidden: pod rejected: Pod Overhead set without corresponding "
          "RuntimeClass defined Overhead");
  }
  SECTION("a missing class and a node selector conflict are refused") {
    Pod missing = Parse<Pod>("metadata { name: 'p' } spec { runtimeClassName: 'kata' }");
    absl::Status refused = fixture.CreatePod(missing);
    CHECK(api::HttpCode(refused) == 403);
    CHECK(refused.message() ==
          "pods \"p\" is forbidden: pod rejected: RuntimeClass \"kata\" not found");
    Pod conflict = Parse<Pod>(
        "metadata { name: 'p' } spec { runtimeClassName: 'gvisor' "
        "nodeSelector { key: 'sandbox' value: 'none' } }");
    CHECK(fixture.CreatePod(conflict).message() ==
          "pods \"p\" is forbidden: conflict: runtimeClass.scheduling.nodeSelector[sandbox] = "
          "gvisor; pod.spec.nodeSelector[sandbox] = none");
  }
}

}  // namespace
}  // namespace kube::apiserver::admission
