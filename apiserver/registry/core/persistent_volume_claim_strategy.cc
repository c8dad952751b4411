#include "apiserver/registry/core/persistent_volume_claim_strategy.h"

#include <google/protobuf/util/message_differencer.h>

#include "apiserver/registry/core/field_path.h"
#include "apiserver/registry/core/pod_defaults.h"
#include "apiserver/registry/core/resource_validation.h"
#include "apiserver/registry/core/storage_validation.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::PersistentVolumeClaim;
using k8s::core::v1::PersistentVolumeClaimSpec;

const PersistentVolumeClaim& AsPvc(const google::protobuf::Message& object) {
  return static_cast<const PersistentVolumeClaim&>(object);
}

std::optional<resource::Quantity> StorageRequest(const PersistentVolumeClaimSpec& spec) {
  auto it = spec.resources().requests().find("storage");
  if (it == spec.resources().requests().end()) return std::nullopt;
  return ParseQuantity(it->second);
}

}  // namespace

void PersistentVolumeClaimStrategy::Default(google::protobuf::Message& object) const {
  DefaultPersistentVolumeClaimSpec(*static_cast<PersistentVolumeClaim&>(object).mutable_spec());
}

void PersistentVolumeClaimStrategy::PrepareForCreate(google::protobuf::Message& object) const {
  auto& pvc = static_cast<PersistentVolumeClaim&>(object);
  pvc.clear_status();
  pvc.mutable_status()->set_phase("Pending");
}

api::FieldErrors PersistentVolumeClaimStrategy::Validate(const google::protobuf::Message& object) const {
  const PersistentVolumeClaimSpec& spec = AsPvc(object).spec();
  api::FieldErrors errors;
  if (spec.accessmodes().empty()) {
    errors.push_back(api::Required("spec.accessModes", "at least 1 access mode is required"));
  }
  ValidateAccessModes(spec.accessmodes(), "spec.accessModes", errors);
  // Upstream names this field spec.resources[storage].
  const std::string storage_path = Key("spec.resources", "storage");
  auto storage = spec.resources().requests().find("storage");
  if (storage == spec.resources().requests().end()) {
    errors.push_back(api::Required(storage_path));
  } else if (std::optional<resource::Quantity> value = ParseQuantityField(storage->second, storage_path, errors)) {
    if (value->Sign() <= 0) {
      errors.push_back(api::Invalid(storage_path, value->ToString(), "must be greater than zero"));
    }
  }
  ValidateResourceList(spec.resources().requests(), ResourceNameUse::kAny, "spec.resources.requests", errors);
  ValidateResourceList(spec.resources().limits(), ResourceNameUse::kAny, "spec.resources.limits", errors);
  if (spec.has_storageclassname()) {
    ValidateStorageClassName(spec.storageclassname(), "spec.storageClassName", errors);
  }
  if (spec.has_volumemode()) ValidateVolumeMode(spec.volumemode(), "spec.volumeMode", errors);
  if (spec.has_datasource()) {
    if (spec.datasource().kind().empty()) errors.push_back(api::Required("spec.dataSource.kind"));
    if (spec.datasource().name().empty()) errors.push_back(api::Required("spec.dataSource.name"));
  }
  return errors;
}

api::FieldErrors PersistentVolumeClaimStrategy::ValidateUpdate(const google::protobuf::Message& object,
                                                               const google::protobuf::Message& old) const {
  const PersistentVolumeClaim& pvc = AsPvc(object);
  const PersistentVolumeClaim& previous = AsPvc(old);
  PersistentVolumeClaimSpec spec = pvc.spec();
  PersistentVolumeClaimSpec old_spec = previous.spec();
  // What may change: the binder sets volumeName once; bound claims may resize.
  if (old_spec.volumename().empty()) old_spec.set_volumename(spec.volumename());
  if (spec.has_volumeattributesclassname()) {
    old_spec.set_volumeattributesclassname(spec.volumeattributesclassname());
  } else {
    old_spec.clear_volumeattributesclassname();
  }
  if (pvc.status().phase() == "Bound" && spec.resources().requests().contains("storage")) {
    auto old_storage = old_spec.resources().requests().find("storage");
    if (old_storage != old_spec.resources().requests().end()) {
      (*spec.mutable_resources()->mutable_requests())["storage"] = old_storage->second;
    }
  }
  api::FieldErrors errors;
  if (!google::protobuf::util::MessageDifferencer::Equivalent(spec, old_spec)) {
    errors.push_back(api::Forbidden(
        "spec", "spec is immutable after creation except resources.requests and "
                "volumeAttributesClassName for bound claims"));
  }
  std::optional<resource::Quantity> new_size = StorageRequest(pvc.spec());
  std::optional<resource::Quantity> old_size = StorageRequest(previous.spec());
  if (new_size && old_size && new_size->Cmp(*old_size) < 0) {
    errors.push_back(api::Forbidden("spec.resources.requests.storage", "field can not be less than previous value"));
  }
  return errors;
}

}  // namespace kube::apiserver::core
