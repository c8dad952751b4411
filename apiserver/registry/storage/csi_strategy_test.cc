#include <catch2/catch.hpp>

#include "apiserver/registry/apps/apps_test_util.h"
#include "apiserver/registry/apps/store_test_util.h"
#include "apiserver/registry/storage/csi_driver_strategy.h"
#include "apiserver/registry/storage/csi_node_strategy.h"
#include "apiserver/registry/storage/register_storage.h"
#include "common/api/errors.h"
#include "k8s/storage/v1/storage.pb.h"

namespace kube::apiserver {
namespace {

using k8s::storage::v1::CSIDriver;
using k8s::storage::v1::CSINode;
using testing::HasError;
using testing::Parse;

TEST_CASE("CSIDriver defaults") {
  CSIDriverStrategy strategy;
  CSIDriver driver = Parse<CSIDriver>(R"(metadata { name: "csi.example.com" })");
  strategy.Default(driver);
  const auto& spec = driver.spec();
  CHECK((spec.has_attachrequired() && spec.attachrequired()));
  CHECK((spec.has_podinfoonmount() && !spec.podinfoonmount()));
  CHECK((spec.has_storagecapacity() && !spec.storagecapacity()));
  CHECK(spec.fsgrouppolicy() == "ReadWriteOnceWithFSType");
  CHECK(std::vector<std::string>(spec.volumelifecyclemodes().begin(),
                                 spec.volumelifecyclemodes().end()) ==
        std::vector<std::string>{"Persistent"});
  CHECK((spec.has_requiresrepublish() && !spec.requiresrepublish()));
  CHECK((spec.has_selinuxmount() && !spec.selinuxmount()));
  CHECK(strategy.Validate(driver).empty());
}

TEST_CASE("CSIDriver validation") {
  CSIDriverStrategy strategy;
  CSIDriver driver = Parse<CSIDriver>(R"(metadata { name: "csi.example.com" }
      spec { fsGroupPolicy: "Sometimes" volumeLifecycleModes: "Forever"
             tokenRequests { audience: "a" expirationSeconds: 60 }
             tokenRequests { audience: "a" } })");
  strategy.Default(driver);
  api::FieldErrors errors = strategy.Validate(driver);
  CHECK(HasError(errors,
                 "spec.fsGroupPolicy: Unsupported value: \"Sometimes\": supported values: "
                 "\"File\", \"None\", \"ReadWriteOnceWithFSType\""));
  CHECK(HasError(errors,
                 "spec.volumeLifecycleModes: Unsupported value: \"Forever\": supported "
                 "values: \"Persistent\", \"Ephemeral\""));
  CHECK(HasError(errors,
                 "spec.tokenRequests[0].expirationSeconds: Invalid value: 60: may not "
                 "specify a duration less than 10 minutes"));
  CHECK(HasError(errors, "spec.tokenRequests[1].audience: Duplicate value: \"a\""));
}

TEST_CASE("CSIDriver attachRequired and volumeLifecycleModes are immutable") {
  CSIDriverStrategy strategy;
  CSIDriver old = Parse<CSIDriver>(R"(metadata { name: "csi.example.com" })");
  strategy.Default(old);
  CSIDriver changed = old;
  changed.mutable_spec()->set_attachrequired(false);
  changed.mutable_spec()->add_volumelifecyclemodes("Ephemeral");
  changed.mutable_spec()->set_podinfoonmount(true);  // mutable since 1.29
  api::FieldErrors errors = strategy.ValidateUpdate(changed, old);
  REQUIRE(errors.size() == 2);
  CHECK(HasError(errors, "spec.attachedRequired: Invalid value: false: field is immutable"));
  CHECK(HasError(errors,
                 "spec.volumeLifecycleModes: Invalid value: "
                 "[]storage.VolumeLifecycleMode{\"Persistent\", \"Ephemeral\"}: field is "
                 "immutable"));
}

TEST_CASE("CSINode validation") {
  CSINodeStrategy strategy;
  CSINode node = Parse<CSINode>(R"(metadata { name: "node-1" }
      spec { drivers { name: "csi.example.com" nodeID: "n1" topologyKeys: "zone" topologyKeys: "zone"
                       allocatable { count: -1 } }
             drivers { name: "csi.example.com" } })");
  api::FieldErrors errors = strategy.Validate(node);
  CHECK(HasError(errors, "spec.drivers[0]: Duplicate value: \"zone\""));
  CHECK(HasError(errors,
                 "spec.drivers[0].allocatable.count: Invalid value: -1: must be greater "
                 "than or equal to 0"));
  CHECK(HasError(errors, "spec.drivers[1].nodeID: Required value"));
  CHECK(HasError(errors, "spec.drivers[1].name: Duplicate value: \"csi.example.com\""));
  node.mutable_spec()->mutable_drivers(0)->set_nodeid(std::string(193, 'x'));
  bool too_long = false;
  for (const auto& error : strategy.Validate(node)) {
    too_long |=
        error.field == "spec.drivers[0].nodeID" && error.detail == "must be 192 characters or less";
  }
  CHECK(too_long);
}

TEST_CASE("CSINode drivers are immutable once listed") {
  CSINodeStrategy strategy;
  CSINode old = Parse<CSINode>(R"(metadata { name: "node-1" }
      spec { drivers { name: "csi.example.com" nodeID: "n1" } })");
  CSINode added = old;
  auto* other = added.mutable_spec()->add_drivers();
  other->set_name("other.example.com");
  other->set_nodeid("n1");
  CHECK(strategy.ValidateUpdate(added, old).empty());
  CSINode changed = old;
  changed.mutable_spec()->mutable_drivers(0)->set_nodeid("n2");
  CHECK(HasError(strategy.ValidateUpdate(changed, old),
                 "spec.drivers: Invalid value: "
                 "storage.CSINodeDriver{Name:\"csi.example.com\", "
                 "NodeID:\"n2\", TopologyKeys:[]string(nil), "
                 "Allocatable:(*storage.VolumeNodeResources)(nil)}: field is immutable"));
}

TEST_CASE("CSIDriver and CSINode through the generic store") {
  testing::StoreFixture fixture;
  RegisterStorageResources(fixture.registry(), fixture.config());
  Store& drivers = fixture.StoreFor("storage.k8s.io", "CSIDriver");
  auto driver = drivers.Create(
      "", std::make_unique<CSIDriver>(Parse<CSIDriver>(R"(metadata { name: "csi.example.com" })")),
      {});
  REQUIRE(driver.ok());
  CHECK(static_cast<const CSIDriver&>(**driver).metadata().generation() == 1);
  CHECK(static_cast<const CSIDriver&>(**driver).spec().attachrequired());
  auto flipped = fixture.Edit<CSIDriver>(drivers, "", "csi.example.com", false, [](CSIDriver& d) {
    d.mutable_spec()->set_podinfoonmount(true);
  });
  REQUIRE(flipped.ok());
  CHECK(static_cast<const CSIDriver&>(**flipped).metadata().generation() == 2);

  Store& nodes = fixture.StoreFor("storage.k8s.io", "CSINode");
  auto node = nodes.Create(
      "", std::make_unique<CSINode>(Parse<CSINode>(R"(metadata { name: "node-1" })")), {});
  REQUIRE(node.ok());
  CHECK_FALSE(static_cast<const CSINode&>(**node).metadata().has_generation());
}

}  // namespace
}  // namespace kube::apiserver
