#include "apiserver/registry/core/persistent_volume_strategy.h"

#include "apiserver/registry/core/core_test_util.h"
#include "apiserver/registry/core/persistent_volume_claim_strategy.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::PersistentVolume;
using k8s::core::v1::PersistentVolumeClaim;
using testing::Parse;

PersistentVolume CreatedPv(const std::string& text) {
  PersistentVolumeStrategy strategy;
  auto pv = Parse<PersistentVolume>(text);
  strategy.Default(pv);
  strategy.PrepareForCreate(pv);
  return pv;
}

TEST_CASE("persistent volume defaults and status") {
  auto pv = CreatedPv(R"(spec { capacity { key: "storage" value { string: "1Gi" } } accessModes: "ReadWriteOnce"
      persistentVolumeSource { hostPath { path: "/data" } } } status { phase: "Bound" })");
  CHECK(pv.spec().persistentvolumereclaimpolicy() == "Retain");
  CHECK(pv.spec().volumemode() == "Filesystem");
  CHECK(pv.spec().persistentvolumesource().hostpath().has_type());
  CHECK(pv.status().phase() == "Pending");
  CHECK(PersistentVolumeStrategy().Validate(pv).empty());
}

TEST_CASE("persistent volume validation") {
  PersistentVolumeStrategy strategy;
  api::FieldErrors errors = strategy.Validate(CreatedPv("spec { }"));
  CHECK_ERROR(errors, "spec.accessModes: Required value");
  CHECK_ERROR(errors, "spec.capacity: Required value");
  CHECK_ERROR(errors, "spec.capacity: Unsupported value: core.ResourceList(nil): supported values: \"storage\"");
  CHECK_ERROR(errors, "spec: Required value: must specify a volume type");
  api::FieldErrors more = strategy.Validate(CreatedPv(R"(spec { capacity { key: "storage" value { string: "0" } }
      accessModes: "ReadWriteAlways" persistentVolumeReclaimPolicy: "Keep"
      persistentVolumeSource { hostPath { path: "/a" } nfs { server: "s" path: "/b" } } })"));
  CHECK_ERROR(more, "spec.capacity[storage]: Invalid value: \"0\": must be greater than zero");
  CHECK_ERROR(more, "spec.accessModes: Unsupported value: \"ReadWriteAlways\": supported values: \"ReadOnlyMany\", \"ReadWriteMany\", \"ReadWriteOnce\", \"ReadWriteOncePod\"");
  CHECK_ERROR(more, "spec.persistentVolumeReclaimPolicy: Unsupported value: \"Keep\": supported values: \"Delete\", \"Recycle\", \"Retain\"");
  CHECK_ERROR(more, "spec.nfs: Forbidden: may not specify more than 1 volume type");
}

TEST_CASE("a persistent volume's source is fixed") {
  PersistentVolumeStrategy strategy;
  auto old = CreatedPv(R"(spec { persistentVolumeSource { hostPath { path: "/a" } } })");
  auto pv = old;
  pv.mutable_spec()->mutable_persistentvolumesource()->mutable_hostpath()->set_path("/b");
  CHECK_ERROR(strategy.ValidateUpdate(pv, old),
              "spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation");
}

PersistentVolumeClaim CreatedPvc(const std::string& text) {
  PersistentVolumeClaimStrategy strategy;
  auto pvc = Parse<PersistentVolumeClaim>(text);
  strategy.Default(pvc);
  strategy.PrepareForCreate(pvc);
  return pvc;
}

TEST_CASE("persistent volume claims") {
  PersistentVolumeClaimStrategy strategy;
  auto pvc = CreatedPvc(R"(spec { accessModes: "ReadWriteOnce" resources { requests { key: "storage" value { string: "1Gi" } } } })");
  CHECK(pvc.spec().volumemode() == "Filesystem");
  CHECK(pvc.status().phase() == "Pending");
  CHECK(strategy.Validate(pvc).empty());

  api::FieldErrors errors = strategy.Validate(CreatedPvc("spec { }"));
  CHECK_ERROR(errors, "spec.accessModes: Required value: at least 1 access mode is required");
  CHECK_ERROR(errors, "spec.resources[storage]: Required value");
  CHECK_ERROR(strategy.Validate(CreatedPvc(R"(spec { accessModes: "ReadWriteOncePod" accessModes: "ReadOnlyMany"
      resources { requests { key: "storage" value { string: "1Gi" } } } })")),
              "spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes");
}

TEST_CASE("a claim's spec is fixed, but for binding and resizing") {
  PersistentVolumeClaimStrategy strategy;
  auto old = CreatedPvc(R"(spec { accessModes: "ReadWriteOnce" resources { requests { key: "storage" value { string: "1Gi" } } } })");
  auto bound = old;
  bound.mutable_spec()->set_volumename("pv-1");
  CHECK(strategy.ValidateUpdate(bound, old).empty());

  auto modes = old;
  modes.mutable_spec()->set_accessmodes(0, "ReadWriteMany");
  CHECK_ERROR(strategy.ValidateUpdate(modes, old),
              "spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims");

  auto grown = bound;
  (*grown.mutable_spec()->mutable_resources()->mutable_requests())["storage"].set_string("2Gi");
  CHECK_FALSE(strategy.ValidateUpdate(grown, bound).empty());  // not bound yet
  grown.mutable_status()->set_phase("Bound");
  CHECK(strategy.ValidateUpdate(grown, bound).empty());
  CHECK_ERROR(strategy.ValidateUpdate(bound, grown),
              "spec.resources.requests.storage: Forbidden: field can not be less than previous value");
}

}  // namespace
}  // namespace kube::apiserver::core
