#include "apiserver/registry/node/runtime_class_strategy.h"

#include <catch2/catch.hpp>

#include "apiserver/registry/apps/apps_test_util.h"
#include "apiserver/registry/apps/store_test_util.h"
#include "apiserver/registry/node/register_node.h"
#include "common/api/errors.h"
#include "k8s/node/v1/node.pb.h"

namespace kube::apiserver {
namespace {

using k8s::node::v1::RuntimeClass;
using testing::HasError;
using testing::Parse;

TEST_CASE("RuntimeClass validation") {
  RuntimeClassStrategy strategy;
  CHECK(strategy.allow_create_on_update());
  RuntimeClass valid = Parse<RuntimeClass>(R"(metadata { name: "gvisor" } handler: "runsc"
      overhead { podFixed { key: "cpu" value { string: "250m" } } }
      scheduling { nodeSelector { key: "runtime" value: "gvisor" }
                   tolerations { key: "sandbox" operator: "Exists" effect: "NoSchedule" } })");
  CHECK(strategy.Validate(valid).empty());

  RuntimeClass invalid = Parse<RuntimeClass>(R"(metadata { name: "bad" } handler: "Run_SC"
      overhead { podFixed { key: "memory" value { string: "-1Mi" } } }
      scheduling { tolerations { operator: "Equal" value: "x" } })");
  api::FieldErrors errors = strategy.Validate(invalid);
  bool handler = false;
  bool overhead = false;
  bool toleration = false;
  for (const auto& error : errors) {
    handler |= error.field == "handler";
    overhead |= error.ToString() ==
                "overhead.limits[memory]: Invalid value: "
                "\"-1Mi\": must be greater than or "
                "equal to 0";
    toleration |= error.field.rfind("scheduling.tolerations[0]", 0) == 0;
  }
  CHECK(handler);
  CHECK(overhead);
  CHECK(toleration);
}

TEST_CASE("RuntimeClass handler is immutable") {
  RuntimeClassStrategy strategy;
  RuntimeClass old = Parse<RuntimeClass>(R"(metadata { name: "gvisor" } handler: "runsc")");
  RuntimeClass changed = old;
  changed.set_handler("runc");
  CHECK(HasError(strategy.ValidateUpdate(changed, old),
                 "handler: Invalid value: \"runc\": field is immutable"));
  CHECK(strategy.ValidateUpdate(old, old).empty());
}

TEST_CASE("RuntimeClass through the generic store") {
  testing::StoreFixture fixture;
  RegisterNodeResources(fixture.registry(), fixture.config());
  REQUIRE(fixture.registry().All().size() == 1);
  CHECK(fixture.registry().All()[0]->group == "node.k8s.io");
  CHECK_FALSE(fixture.registry().All()[0]->namespaced);
  Store& store = fixture.StoreFor("node.k8s.io", "RuntimeClass");
  auto created = store.Create("",
                              std::make_unique<RuntimeClass>(Parse<RuntimeClass>(
                                  R"(metadata { name: "gvisor" } handler: "runsc")")),
                              {});
  REQUIRE(created.ok());
  auto changed = fixture.Edit<RuntimeClass>(store, "", "gvisor", false,
                                            [](RuntimeClass& rc) { rc.set_handler("runc"); });
  REQUIRE_FALSE(changed.ok());
  CHECK(api::HttpCode(changed.status()) == 422);
}

}  // namespace
}  // namespace kube::apiserver
