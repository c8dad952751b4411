#include "apiserver/registry/storage/storage_class_strategy.h"

#include <catch2/catch.hpp>

#include "apiserver/registry/apps/apps_test_util.h"
#include "apiserver/registry/apps/store_test_util.h"
#include "apiserver/registry/storage/register_storage.h"
#include "common/api/errors.h"
#include "k8s/storage/v1/storage.pb.h"

namespace kube::apiserver {
namespace {

using k8s::storage::v1::StorageClass;
using testing::HasError;
using testing::Parse;

TEST_CASE("StorageClass defaults reclaimPolicy and volumeBindingMode") {
  StorageClassStrategy strategy;
  StorageClass sc =
      Parse<StorageClass>(R"(metadata { name: "fast" } provisioner: "example.com/ssd")");
  strategy.Default(sc);
  CHECK(sc.reclaimpolicy() == "Delete");
  CHECK(sc.volumebindingmode() == "Immediate");
  CHECK(strategy.Validate(sc).empty());
}

TEST_CASE("StorageClass validation") {
  StorageClassStrategy strategy;
  StorageClass sc = Parse<StorageClass>(R"(metadata { name: "bad" }
      reclaimPolicy: "Recycle" volumeBindingMode: "Later"
      parameters { key: "" value: "x" })");
  api::FieldErrors errors = strategy.Validate(sc);
  CHECK(HasError(errors, "provisioner: Required value"));
  CHECK(HasError(errors,
                 "reclaimPolicy: Unsupported value: \"Recycle\": supported values: "
                 "\"Delete\", \"Retain\""));
  CHECK(HasError(errors,
                 "volumeBindingMode: Unsupported value: \"Later\": supported values: "
                 "\"Immediate\", \"WaitForFirstConsumer\""));
  CHECK(HasError(errors, "parameters: Invalid value: \"\": field can not be empty."));

  sc = Parse<StorageClass>(R"(metadata { name: "bad" } provisioner: "not a name!"
      volumeBindingMode: "Immediate")");
  errors = strategy.Validate(sc);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].field == "provisioner");

  sc.set_provisioner("example.com/ssd");
  for (int i = 0; i < 513; ++i) (*sc.mutable_parameters())["k" + std::to_string(i)] = "v";
  CHECK(HasError(strategy.Validate(sc), "parameters: Too long: must have at most 512 bytes"));
}

TEST_CASE("StorageClass allowedTopologies") {
  StorageClassStrategy strategy;
  StorageClass sc = Parse<StorageClass>(R"(metadata { name: "zonal" } provisioner: "p"
      volumeBindingMode: "WaitForFirstConsumer"
      allowedTopologies { matchLabelExpressions { key: "topology.kubernetes.io/zone" values: "a" } }
      allowedTopologies { matchLabelExpressions { key: "topology.kubernetes.io/zone" values: "a" } }
      allowedTopologies { matchLabelExpressions { key: "bad key" } })");
  api::FieldErrors errors = strategy.Validate(sc);
  CHECK(HasError(errors, "allowedTopologies[1].matchLabelExpressions: Duplicate value: \"\""));
  CHECK(HasError(errors, "allowedTopologies[2].matchLabelExpressions[0].values: Required value"));
  bool key_error = false;
  for (const auto& error : errors) {
    key_error |= error.field == "allowedTopologies[2].matchLabelExpressions[0].key";
  }
  CHECK(key_error);
}

TEST_CASE("StorageClass immutable fields") {
  StorageClassStrategy strategy;
  StorageClass old = Parse<StorageClass>(R"(metadata { name: "fast" } provisioner: "a.io/x"
      parameters { key: "type" value: "ssd" } reclaimPolicy: "Delete" volumeBindingMode: "Immediate")");
  StorageClass changed = old;
  changed.set_provisioner("b.io/y");
  (*changed.mutable_parameters())["type"] = "hdd";
  changed.set_reclaimpolicy("Retain");
  changed.set_volumebindingmode("WaitForFirstConsumer");
  changed.set_allowvolumeexpansion(true);
  api::FieldErrors errors = strategy.ValidateUpdate(changed, old);
  CHECK(errors.size() == 4);
  CHECK(HasError(errors, "parameters: Forbidden: updates to parameters are forbidden."));
  CHECK(HasError(errors, "provisioner: Forbidden: updates to provisioner are forbidden."));
  CHECK(HasError(errors, "reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden."));
  CHECK(HasError(errors,
                 "volumeBindingMode: Invalid value: "
                 "\"WaitForFirstConsumer\": field is immutable"));
  StorageClass expandable = old;
  expandable.set_allowvolumeexpansion(true);
  (*expandable.mutable_metadata()
        ->mutable_annotations())["storageclass.kubernetes.io/is-default-class"] = "true";
  CHECK(strategy.ValidateUpdate(expandable, old).empty());
}

TEST_CASE("storage.k8s.io kinds are registered cluster-scoped") {
  testing::StoreFixture fixture;
  RegisterStorageResources(fixture.registry(), fixture.config());
  std::vector<std::string> resources;
  for (const auto& info : fixture.registry().All()) {
    CHECK(info->group == "storage.k8s.io");
    CHECK_FALSE(info->namespaced);
    resources.push_back(info->resource);
  }
  CHECK(resources ==
        std::vector<std::string>{"storageclasses", "volumeattachments", "csidrivers", "csinodes"});
  CHECK(fixture.registry().FindByKind("storage.k8s.io", "v1", "StorageClass")->short_names ==
        std::vector<std::string>{"sc"});
  CHECK(fixture.registry()
            .FindByKind("storage.k8s.io", "v1", "VolumeAttachment")
            ->subresources.status);

  Store& store = fixture.StoreFor("storage.k8s.io", "StorageClass");
  auto created = store.Create("",
                              std::make_unique<StorageClass>(Parse<StorageClass>(
                                  R"(metadata { name: "fast" } provisioner: "example.com/ssd")")),
                              {});
  REQUIRE(created.ok());
  const auto& stored = static_cast<const StorageClass&>(**created);
  CHECK(stored.reclaimpolicy() == "Delete");
  CHECK(stored.volumebindingmode() == "Immediate");
  CHECK_FALSE(stored.metadata().has_generation());
  auto moved = fixture.Edit<StorageClass>(
      store, "", "fast", false, [](StorageClass& sc) { sc.set_provisioner("other.io/x"); });
  REQUIRE_FALSE(moved.ok());
  CHECK(api::HttpCode(moved.status()) == 422);
}

}  // namespace
}  // namespace kube::apiserver
