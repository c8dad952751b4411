#include "apiserver/admission/priority/priority_admission.h"

#include <catch2/catch.hpp>

#include "apiserver/registry/apps/apps_test_util.h"
#include "apiserver/registry/apps/store_test_util.h"
#include "apiserver/registry/scheduling/register_scheduling.h"
#include "apiserver/registry/scheduling/system_priority_classes.h"
#include "common/api/errors.h"
#include "k8s/core/v1/core.pb.h"
#include "k8s/scheduling/v1/scheduling.pb.h"

namespace kube::apiserver::admission {
namespace {

using k8s::core::v1::Pod;
using k8s::scheduling::v1::PriorityClass;
using testing::Parse;

// A PriorityClass store over SQLite with the system classes, and the plugin on
// it.
class Fixture {
 public:
  Fixture() {
    RegisterSchedulingResources(fixture_.registry(), fixture_.config());
    classes_ = &fixture_.StoreFor("scheduling.k8s.io", "PriorityClass");
    for (const auto& system_class : scheduling::SystemPriorityClasses()) {
      REQUIRE(classes_->Create("", std::make_unique<PriorityClass>(system_class), {}).ok());
    }
    pods_.kind = "Pod";
    pods_.resource = "pods";
    plugin_ = std::make_unique<PriorityAdmission>(*classes_);
  }

  void AddClass(const std::string& text) {
    REQUIRE(
        classes_->Create("", std::make_unique<PriorityClass>(Parse<PriorityClass>(text)), {}).ok());
  }

  absl::Status CreatePod(Pod& pod) {
    Request request{Operation::kCreate,    &pods_, "",      "default",
                    pod.metadata().name(), &pod,   nullptr, &user_};
    return plugin_->Admit(request);
  }

  absl::Status WriteClass(Operation operation, PriorityClass& priority_class) {
    Request request{operation,
                    &classes_->resource(),
                    "",
                    "",
                    priority_class.metadata().name(),
                    &priority_class,
                    nullptr,
                    &user_};
    return plugin_->Validate(request);
  }

  const PriorityAdmission& plugin() const { return *plugin_; }
  ResourceInfo& pods() { return pods_; }
  const auth::UserInfo& user() const { return user_; }

 private:
  testing::StoreFixture fixture_;
  Store* classes_ = nullptr;
  ResourceInfo pods_;
  auth::UserInfo user_;  // any user: the plugin does not look at who asks
  std::unique_ptr<PriorityAdmission> plugin_;
};

Pod MakePod(const std::string& spec) {
  return Parse<Pod>(R"(metadata { name: "web" } spec { containers { name: "c" image: "i" } )" +
                    spec + " }");
}

TEST_CASE("Priority: a pod gets its class's priority and preemption policy") {
  Fixture fixture;
  Pod critical = MakePod(R"(priorityClassName: "system-cluster-critical")");
  REQUIRE(fixture.CreatePod(critical).ok());
  CHECK(critical.spec().priority() == 2000000000);
  CHECK(critical.spec().preemptionpolicy() == "PreemptLowerPriority");

  fixture.AddClass(R"(metadata { name: "batch" } value: 10 preemptionPolicy: "Never")");
  Pod batch = MakePod(R"(priorityClassName: "batch")");
  REQUIRE(fixture.CreatePod(batch).ok());
  CHECK(batch.spec().priority() == 10);
  CHECK(batch.spec().preemptionpolicy() == "Never");
}

TEST_CASE("Priority: an unknown class is refused") {
  Fixture fixture;
  Pod pod = MakePod(R"(priorityClassName: "missing")");
  absl::Status status = fixture.CreatePod(pod);
  CHECK(api::HttpCode(status) == 403);
  CHECK(status.message() ==
        "pods \"web\" is forbidden: no PriorityClass with "
        "name missing was found");
}

TEST_CASE("Priority: without a class, the global default or 0") {
  Fixture fixture;
  Pod plain = MakePod("");
  REQUIRE(fixture.CreatePod(plain).ok());
  CHECK(plain.spec().has_priority());
  CHECK(plain.spec().priority() == 0);
  CHECK(plain.spec().priorityclassname().empty());
  CHECK(plain.spec().preemptionpolicy() == "PreemptLowerPriority");

  fixture.AddClass(R"(metadata { name: "normal" } value: 1000 globalDefault: true)");
  Pod defaulted = MakePod("");
  REQUIRE(fixture.CreatePod(defaulted).ok());
  CHECK(defaulted.spec().priority() == 1000);
  CHECK(defaulted.spec().priorityclassname() == "normal");
}

TEST_CASE("Priority: a client-set priority or policy must match the class") {
  Fixture fixture;
  Pod matching = MakePod(R"(priorityClassName: "system-node-critical" priority: 2000001000)");
  CHECK(fixture.CreatePod(matching).ok());

  Pod wrong = MakePod(R"(priorityClassName: "system-node-critical" priority: 5)");
  absl::Status status = fixture.CreatePod(wrong);
  CHECK(api::HttpCode(status) == 403);
  CHECK(status.message() ==
        "pods \"web\" is forbidden: the integer value of "
        "priority (5) must not be provided in pod "
        "spec; priority admission controller computed "
        "2000001000 from the given PriorityClass name");

  Pod policy = MakePod(R"(preemptionPolicy: "Never")");
  status = fixture.CreatePod(policy);
  CHECK(api::HttpCode(status) == 403);
  CHECK(status.message() ==
        "pods \"web\" is forbidden: the string value of "
        "PreemptionPolicy (Never) must not be "
        "provided in pod spec; priority admission "
        "controller computed PreemptLowerPriority from "
        "the given PriorityClass name");
}

TEST_CASE("Priority: a pod update keeps the priority it was given") {
  Fixture fixture;
  Pod old = MakePod(R"(priority: 7 preemptionPolicy: "Never")");
  Pod updated = MakePod("");
  Request request{Operation::kUpdate, &fixture.pods(), "", "default", "web", &updated, &old,
                  &fixture.user()};
  REQUIRE(fixture.plugin().Admit(request).ok());
  CHECK(updated.spec().priority() == 7);
  CHECK(updated.spec().preemptionpolicy() == "Never");
}

TEST_CASE("Priority: one global default at most") {
  Fixture fixture;
  fixture.AddClass(R"(metadata { name: "normal" } value: 1000 globalDefault: true)");
  PriorityClass second =
      Parse<PriorityClass>(R"(metadata { name: "other" } value: 5 globalDefault: true)");
  absl::Status status = fixture.WriteClass(Operation::kCreate, second);
  CHECK(api::HttpCode(status) == 403);
  CHECK(status.message() ==
        "priorityclasses.scheduling.k8s.io \"other\" is forbidden: "
        "PriorityClass normal is "
        "already marked as default. Only one default can exist");
  CHECK(api::HttpCode(fixture.WriteClass(Operation::kUpdate, second)) == 403);

  PriorityClass same = Parse<PriorityClass>(
      R"(metadata { name: "normal" } value: 1000 globalDefault: true description: "d")");
  CHECK(fixture.WriteClass(Operation::kUpdate, same).ok());
  PriorityClass not_default = Parse<PriorityClass>(R"(metadata { name: "low" } value: 1)");
  CHECK(fixture.WriteClass(Operation::kCreate, not_default).ok());
}

}  // namespace
}  // namespace kube::apiserver::admission
