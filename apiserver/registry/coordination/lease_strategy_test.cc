#include <catch2/catch.hpp>

#include "apiserver/registry/apps/apps_test_util.h"
#include "apiserver/registry/apps/store_test_util.h"
#include "apiserver/registry/coordination/lease_strategy.h"
#include "apiserver/registry/coordination/register_coordination.h"
#include "common/api/errors.h"
#include "k8s/coordination/v1/coordination.pb.h"

namespace kube::apiserver {
namespace {

using k8s::coordination::v1::Lease;
using testing::HasError;

TEST_CASE("Lease validation") {
  LeaseStrategy strategy;
  CHECK(strategy.name_rule() == NameRule::kDnsSubdomain);
  Lease lease;
  lease.mutable_metadata()->set_name("node-1");
  CHECK(strategy.Validate(lease).empty());  // every spec field is optional

  lease.mutable_spec()->set_leasedurationseconds(0);
  lease.mutable_spec()->set_leasetransitions(-1);
  lease.mutable_spec()->set_preferredholder("b");
  api::FieldErrors errors = strategy.Validate(lease);
  CHECK(HasError(errors, "spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0"));
  CHECK(HasError(errors,
                 "spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0"));
  CHECK(HasError(errors,
                 "spec.preferredHolder: Forbidden: may only be specified if `strategy` is defined"));

  lease = Lease();
  lease.mutable_spec()->set_strategy("Newest");
  CHECK(HasError(strategy.Validate(lease),
                 "spec.strategy: Unsupported value: \"Newest\": supported values: "
                 "\"OldestEmulationVersion\""));
  lease.mutable_spec()->set_strategy("example.com/custom");
  CHECK(strategy.Validate(lease).empty());
}

TEST_CASE("Lease through the generic store on SQLite") {
  testing::StoreFixture fixture;
  RegisterCoordinationResources(fixture.registry(), fixture.config());
  REQUIRE(fixture.registry().All().size() == 1);
  const ResourceInfo& info = *fixture.registry().All()[0];
  CHECK(info.group == "coordination.k8s.io");
  CHECK(info.short_names.empty());
  CHECK(info.categories.empty());
  CHECK_FALSE(info.subresources.status);

  Store& store = fixture.StoreFor("coordination.k8s.io", "Lease");
  auto lease = std::make_unique<Lease>(testing::Parse<Lease>(R"(
    metadata { name: "node-1" }
    spec { holderIdentity: "node-1" leaseDurationSeconds: 40 })"));
  auto created = store.Create("kube-node-lease", std::move(lease), WriteOptions{});
  REQUIRE(created.ok());
  CHECK_FALSE(static_cast<const Lease&>(**created).metadata().has_generation());

  auto renewed = fixture.Edit<Lease>(store, "kube-node-lease", "node-1", false, [](Lease& l) {
    l.mutable_spec()->mutable_renewtime()->set_seconds(1700000000);
  });
  REQUIRE(renewed.ok());
  const auto& after = static_cast<const Lease&>(**renewed);
  CHECK(after.spec().renewtime().seconds() == 1700000000);
  CHECK_FALSE(after.metadata().has_generation());
  CHECK(after.metadata().resourceversion() !=
        static_cast<const Lease&>(**created).metadata().resourceversion());

  auto invalid = fixture.Edit<Lease>(store, "kube-node-lease", "node-1", false,
                                     [](Lease& l) { l.mutable_spec()->set_leasedurationseconds(-5); });
  REQUIRE_FALSE(invalid.ok());
  CHECK(api::HttpCode(invalid.status()) == 422);
}

}  // namespace
}  // namespace kube::apiserver
