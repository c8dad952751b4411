#include "apiserver/registry/storage/volume_attachment_strategy.h"

#include <catch2/catch.hpp>

#include "apiserver/registry/apps/apps_test_util.h"
#include "apiserver/registry/apps/store_test_util.h"
#include "apiserver/registry/storage/register_storage.h"
#include "common/api/errors.h"
#include "k8s/storage/v1/storage.pb.h"

namespace kube::apiserver {
namespace {

using k8s::storage::v1::VolumeAttachment;
using testing::HasError;
using testing::Parse;

constexpr char kAttachment[] = R"(metadata { name: "va-1" }
    spec { attacher: "csi.example.com" source { persistentVolumeName: "pv-1" } nodeName: "node-1" })";

TEST_CASE("VolumeAttachment validation") {
  VolumeAttachmentStrategy strategy;
  CHECK(strategy.Validate(Parse<VolumeAttachment>(kAttachment)).empty());

  api::FieldErrors errors =
      strategy.Validate(Parse<VolumeAttachment>(R"(metadata { name: "va-1" } spec { })"));
  CHECK(HasError(errors, "spec.attacher: Required value"));
  CHECK(HasError(errors,
                 "spec.source: Required value: must specify exactly one of "
                 "inlineVolumeSpec and persistentVolumeName"));
  bool node_error = false;
  for (const auto& error : errors) node_error |= error.field == "spec.nodeName";
  CHECK(node_error);

  errors = strategy.Validate(Parse<VolumeAttachment>(R"(metadata { name: "va-1" }
      spec { attacher: "csi.example.com" nodeName: "node-1"
             source { persistentVolumeName: "pv-1" inlineVolumeSpec { } } })"));
  CHECK(HasError(errors,
                 "spec.source: Forbidden: must specify exactly one of inlineVolumeSpec "
                 "and persistentVolumeName"));
}

TEST_CASE("VolumeAttachment spec is immutable, status is written through /status") {
  testing::StoreFixture fixture;
  RegisterStorageResources(fixture.registry(), fixture.config());
  Store& store = fixture.StoreFor("storage.k8s.io", "VolumeAttachment");
  auto attachment = std::make_unique<VolumeAttachment>(Parse<VolumeAttachment>(kAttachment));
  attachment->mutable_status()->set_attached(true);
  auto created = store.Create("", std::move(attachment), {});
  REQUIRE(created.ok());
  const auto& stored = static_cast<const VolumeAttachment&>(**created);
  CHECK_FALSE(stored.status().attached());  // cleared on create
  CHECK_FALSE(stored.metadata().has_generation());

  auto moved = fixture.Edit<VolumeAttachment>(store, "", "va-1", false, [](VolumeAttachment& va) {
    va.mutable_spec()->set_nodename("node-2");
  });
  REQUIRE_FALSE(moved.ok());
  CHECK(api::HttpCode(moved.status()) == 422);
  CHECK(std::string(moved.status().message())
            .find("spec: Invalid value: "
                  "storage.VolumeAttachmentSpec{Attacher:"
                  "\"csi.example.com\"") != std::string::npos);

  auto attached = fixture.Edit<VolumeAttachment>(store, "", "va-1", true, [](VolumeAttachment& va) {
    va.mutable_status()->set_attached(true);
    (*va.mutable_status()->mutable_attachmentmetadata())["devicePath"] = "/dev/sdb";
  });
  REQUIRE(attached.ok());
  CHECK(static_cast<const VolumeAttachment&>(**attached).status().attached());
}

}  // namespace
}  // namespace kube::apiserver
