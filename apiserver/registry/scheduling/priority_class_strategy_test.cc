#include "apiserver/registry/scheduling/priority_class_strategy.h"

#include <catch2/catch.hpp>

#include "apiserver/registry/apps/apps_test_util.h"
#include "apiserver/registry/apps/store_test_util.h"
#include "apiserver/registry/scheduling/register_scheduling.h"
#include "apiserver/registry/scheduling/system_priority_classes.h"
#include "common/api/errors.h"
#include "k8s/scheduling/v1/scheduling.pb.h"

namespace kube::apiserver {
namespace {

using k8s::scheduling::v1::PriorityClass;
using testing::HasError;

PriorityClass Class(const std::string& name, int32_t value) {
  PriorityClass priority_class;
  priority_class.mutable_metadata()->set_name(name);
  priority_class.set_value(value);
  return priority_class;
}

TEST_CASE("PriorityClass defaulting and validation") {
  PriorityClassStrategy strategy;
  PriorityClass high = Class("high", 1000000000);
  strategy.Default(high);
  CHECK(high.preemptionpolicy() == "PreemptLowerPriority");
  CHECK(strategy.Validate(high).empty());

  PriorityClass too_high = Class("too-high", 1000000001);
  CHECK(HasError(strategy.Validate(too_high),
                 "value: Forbidden: maximum allowed value of a user defined "
                 "priority is 1000000000"));

  PriorityClass policy = Class("never", 5);
  policy.set_preemptionpolicy("Sometimes");
  CHECK(HasError(strategy.Validate(policy),
                 "preemptionPolicy: Unsupported value: \"Sometimes\": supported values: "
                 "\"PreemptLowerPriority\", \"Never\""));
}

TEST_CASE("system- names are reserved for the two system classes") {
  PriorityClassStrategy strategy;
  for (const PriorityClass& system_class : scheduling::SystemPriorityClasses()) {
    CHECK(strategy.Validate(system_class).empty());
  }
  CHECK(HasError(strategy.Validate(Class("system-node-critical", 5)),
                 "metadata.name: Forbidden: priority class names with 'system-' prefix "
                 "are "
                 "reserved for system use only. error: value of system-node-critical "
                 "PriorityClass must be 2000001000"));
  PriorityClass global = Class("system-cluster-critical", 2000000000);
  global.set_globaldefault(true);
  CHECK(HasError(strategy.Validate(global),
                 "metadata.name: Forbidden: priority class names with "
                 "'system-' prefix are "
                 "reserved for system use only. error: globalDefault of "
                 "system-cluster-critical "
                 "PriorityClass must be false"));
  CHECK(HasError(strategy.Validate(Class("system-mine", 1)),
                 "metadata.name: Forbidden: priority class names with 'system-' prefix "
                 "are "
                 "reserved for system use only. error: system-mine is not a known system "
                 "priority class"));
}

TEST_CASE("PriorityClass value and preemptionPolicy are immutable") {
  PriorityClassStrategy strategy;
  PriorityClass old = Class("batch", 100);
  strategy.Default(old);
  PriorityClass changed = old;
  changed.set_value(200);
  changed.set_preemptionpolicy("Never");
  changed.set_description("may change");
  api::FieldErrors errors = strategy.ValidateUpdate(changed, old);
  CHECK(HasError(errors, "value: Forbidden: may not be changed in an update."));
  CHECK(HasError(errors, "preemptionPolicy: Invalid value: \"Never\": field is immutable"));
  PriorityClass described = old;
  described.set_description("low priority batch work");
  described.set_globaldefault(true);
  CHECK(strategy.ValidateUpdate(described, old).empty());
}

TEST_CASE("PriorityClass through the generic store on SQLite") {
  testing::StoreFixture fixture;
  RegisterSchedulingResources(fixture.registry(), fixture.config());
  REQUIRE(fixture.registry().All().size() == 1);
  const ResourceInfo& info = *fixture.registry().All()[0];
  CHECK(info.group == "scheduling.k8s.io");
  CHECK_FALSE(info.namespaced);
  CHECK(info.short_names == std::vector<std::string>{"pc"});

  Store& store = fixture.StoreFor("scheduling.k8s.io", "PriorityClass");
  auto created = store.Create("", std::make_unique<PriorityClass>(Class("batch", 100)), {});
  REQUIRE(created.ok());
  const auto& stored = static_cast<const PriorityClass&>(**created);
  CHECK(stored.metadata().generation() == 1);
  CHECK(stored.preemptionpolicy() == "PreemptLowerPriority");

  auto described = fixture.Edit<PriorityClass>(
      store, "", "batch", false, [](PriorityClass& c) { c.set_description("batch jobs"); });
  REQUIRE(described.ok());
  CHECK(static_cast<const PriorityClass&>(**described).metadata().generation() == 1);

  auto revalued = fixture.Edit<PriorityClass>(store, "", "batch", false,
                                              [](PriorityClass& c) { c.set_value(7); });
  REQUIRE_FALSE(revalued.ok());
  CHECK(api::HttpCode(revalued.status()) == 422);
  CHECK(std::string(revalued.status().message()).find("value: Forbidden: may not be changed") !=
        std::string::npos);
}

}  // namespace
}  // namespace kube::apiserver
