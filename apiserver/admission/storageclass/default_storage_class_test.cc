#include "apiserver/admission/storageclass/default_storage_class.h"

#include <catch2/catch.hpp>

#include "apiserver/registry/apps/apps_test_util.h"
#include "apiserver/registry/apps/store_test_util.h"
#include "apiserver/registry/storage/register_storage.h"
#include "k8s/core/v1/core.pb.h"
#include "k8s/storage/v1/storage.pb.h"

namespace kube::apiserver::admission {
namespace {

using k8s::core::v1::PersistentVolumeClaim;
using k8s::storage::v1::StorageClass;
using testing::Parse;

class Fixture {
 public:
  Fixture() {
    RegisterStorageResources(fixture_.registry(), fixture_.config());
    classes_ = &fixture_.StoreFor("storage.k8s.io", "StorageClass");
    claims_.kind = "PersistentVolumeClaim";
    claims_.resource = "persistentvolumeclaims";
    plugin_ = std::make_unique<DefaultStorageClass>(*classes_);
  }

  void AddClass(const std::string& name, bool is_default) {
    auto storage_class = std::make_unique<StorageClass>();
    storage_class->mutable_metadata()->set_name(name);
    if (is_default) {
      (*storage_class->mutable_metadata()
            ->mutable_annotations())["storageclass.kubernetes.io/is-default-class"] = "true";
    }
    storage_class->set_provisioner("example.com/p");
    auto created = classes_->Create("", std::move(storage_class), {});
    REQUIRE(created.ok());
  }

  // The class the plugin gives `claim` ("" for none).
  std::string Admitted(PersistentVolumeClaim claim) {
    Request request{Operation::kCreate, &claims_, "", "default", "data", &claim, nullptr, &user_};
    REQUIRE(plugin_->Admit(request).ok());
    return claim.spec().has_storageclassname() ? claim.spec().storageclassname() : "<unset>";
  }

 private:
  testing::StoreFixture fixture_;
  Store* classes_ = nullptr;
  ResourceInfo claims_;
  auth::UserInfo user_;  // any user: the plugin does not look at who asks
  std::unique_ptr<DefaultStorageClass> plugin_;
};

TEST_CASE("DefaultStorageClass gives classless claims the default class") {
  Fixture fixture;
  const auto claim = Parse<PersistentVolumeClaim>(R"(metadata { name: "data" }
      spec { accessModes: "ReadWriteOnce" })");
  CHECK(fixture.Admitted(claim) == "<unset>");  // no default class: left alone

  fixture.AddClass("slow", false);
  CHECK(fixture.Admitted(claim) == "<unset>");
  fixture.AddClass("standard", true);
  CHECK(fixture.Admitted(claim) == "standard");

  // A class the user named, "" included, is kept; so is the beta annotation.
  auto named = claim;
  named.mutable_spec()->set_storageclassname("");
  CHECK(fixture.Admitted(named).empty());
  auto annotated = claim;
  (*annotated.mutable_metadata()
        ->mutable_annotations())["volume.beta.kubernetes.io/storage-class"] = "slow";
  CHECK(fixture.Admitted(annotated) == "<unset>");
}

SharedObject Class(const std::string& name, bool is_default, int64_t created) {
  auto storage_class = std::make_shared<StorageClass>();
  storage_class->mutable_metadata()->set_name(name);
  storage_class->mutable_metadata()->mutable_creationtimestamp()->set_seconds(created);
  if (is_default) {
    (*storage_class->mutable_metadata()
          ->mutable_annotations())["storageclass.kubernetes.io/is-default-class"] = "true";
  }
  return storage_class;
}

TEST_CASE("DefaultStorageClass picks the newest of several defaults, then by name") {
  CHECK(DefaultClassOf({}) == nullptr);
  CHECK(DefaultClassOf({Class("a", false, 5)}) == nullptr);
  // The result points into the list, which must outlive it.
  const std::vector<SharedObject> several = {Class("old", true, 1), Class("newer", true, 9),
                                             Class("plain", false, 20)};
  const StorageClass* chosen = DefaultClassOf(several);
  REQUIRE(chosen != nullptr);
  CHECK(chosen->metadata().name() == "newer");
  const std::vector<SharedObject> same_second = {Class("b", true, 3), Class("a", true, 3)};
  chosen = DefaultClassOf(same_second);
  REQUIRE(chosen != nullptr);
  CHECK(chosen->metadata().name() == "a");
}

}  // namespace
}  // namespace kube::apiserver::admission
