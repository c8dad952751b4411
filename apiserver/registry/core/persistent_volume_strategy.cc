#include "apiserver/registry/core/persistent_volume_strategy.h"

#include <map>

#include <google/protobuf/util/message_differencer.h>

#include "apiserver/registry/core/field_path.h"
#include "apiserver/registry/core/pod_defaults.h"
#include "apiserver/registry/core/resource_validation.h"
#include "apiserver/registry/core/storage_validation.h"
#include "apiserver/registry/core/volume_validation.h"
#include "common/api/object.h"
#include "common/util/strings.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::PersistentVolume;
using k8s::core::v1::PersistentVolumeSpec;

const PersistentVolume& AsPv(const google::protobuf::Message& object) {
  return static_cast<const PersistentVolume&>(object);
}

// Go's %#v of a ResourceList, close enough to tell what was given.
std::string ResourceListValue(const ResourceList& list) {
  if (list.empty()) return "core.ResourceList(nil)";
  std::map<std::string, std::string> sorted;
  for (const auto& [name, quantity] : list) sorted.emplace(name, quantity.string());
  std::string out = "core.ResourceList{";
  bool first = true;
  for (const auto& [name, quantity] : sorted) {
    StrAppend(&out, first ? "" : ", ", api::QuoteValue(name), ":", api::QuoteValue(quantity));
    first = false;
  }
  return out + "}";
}

void ValidateSource(const PersistentVolumeSpec& spec, api::FieldErrors& errors) {
  const auto& source = spec.persistentvolumesource();
  if (CountSources(source, "spec", "volume", errors) == 0) {
    errors.push_back(api::Required("spec", "must specify a volume type"));
  }
  if (source.has_hostpath()) ValidateHostPath(source.hostpath(), "spec.hostPath", errors);
  if (source.has_nfs()) ValidateNfs(source.nfs(), "spec.nfs", errors);
  if (source.has_local()) {
    if (source.local().path().empty()) errors.push_back(api::Required("spec.local.path"));
    if (!spec.has_nodeaffinity()) {
      errors.push_back(api::Required("spec.nodeAffinity", "Local volume requires node affinity"));
    }
  }
  if (source.has_csi()) {
    if (source.csi().driver().empty()) errors.push_back(api::Required("spec.csi.driver"));
    if (source.csi().volumehandle().empty()) errors.push_back(api::Required("spec.csi.volumeHandle"));
  }
  if (source.has_iscsi()) {
    if (source.iscsi().targetportal().empty()) errors.push_back(api::Required("spec.iscsi.targetPortal"));
    if (source.iscsi().iqn().empty()) errors.push_back(api::Required("spec.iscsi.iqn"));
  }
  if (source.has_hostpath() && source.hostpath().path() == "/" &&
      spec.persistentvolumereclaimpolicy() == "Recycle") {
    errors.push_back(api::Forbidden("spec.persistentVolumeReclaimPolicy",
                                    "may not be 'recycle' for a hostPath mount of '/'"));
  }
}

}  // namespace

void PersistentVolumeStrategy::Default(google::protobuf::Message& object) const {
  auto* spec = static_cast<PersistentVolume&>(object).mutable_spec();
  if (spec->persistentvolumereclaimpolicy().empty()) spec->set_persistentvolumereclaimpolicy("Retain");
  if (!spec->has_volumemode()) spec->set_volumemode("Filesystem");
  DefaultPersistentVolumeSource(*spec->mutable_persistentvolumesource());
}

void PersistentVolumeStrategy::PrepareForCreate(google::protobuf::Message& object) const {
  auto& pv = static_cast<PersistentVolume&>(object);
  pv.clear_status();
  pv.mutable_status()->set_phase("Pending");
  *pv.mutable_status()->mutable_lastphasetransitiontime() = api::Now();
}

api::FieldErrors PersistentVolumeStrategy::Validate(const google::protobuf::Message& object) const {
  const PersistentVolumeSpec& spec = AsPv(object).spec();
  api::FieldErrors errors;
  if (spec.accessmodes().empty()) errors.push_back(api::Required("spec.accessModes"));
  ValidateAccessModes(spec.accessmodes(), "spec.accessModes", errors);
  if (spec.capacity().empty()) errors.push_back(api::Required("spec.capacity"));
  if (!spec.capacity().contains("storage") || spec.capacity().size() > 1) {
    errors.push_back(NotSupportedRendered("spec.capacity", ResourceListValue(spec.capacity()), {"storage"}));
  }
  for (const auto& [name, quantity] : spec.capacity()) {
    const std::string field = Key("spec.capacity", name);
    std::optional<resource::Quantity> value = ValidateQuantityValue(name, quantity, field, errors);
    if (value && value->Sign() <= 0) {
      errors.push_back(api::Invalid(field, value->ToString(), "must be greater than zero"));
    }
  }
  const std::string& policy = spec.persistentvolumereclaimpolicy();
  if (!policy.empty() && policy != "Delete" && policy != "Recycle" && policy != "Retain") {
    errors.push_back(api::NotSupported("spec.persistentVolumeReclaimPolicy", policy,
                                       {"Delete", "Recycle", "Retain"}));
  }
  ValidateStorageClassName(spec.storageclassname(), "spec.storageClassName", errors);
  if (spec.has_volumemode()) ValidateVolumeMode(spec.volumemode(), "spec.volumeMode", errors);
  ValidateSource(spec, errors);
  return errors;
}

api::FieldErrors PersistentVolumeStrategy::ValidateUpdate(const google::protobuf::Message& object,
                                                          const google::protobuf::Message& old) const {
  const PersistentVolumeSpec& spec = AsPv(object).spec();
  const PersistentVolumeSpec& previous = AsPv(old).spec();
  api::FieldErrors errors;
  if (!google::protobuf::util::MessageDifferencer::Equivalent(spec.persistentvolumesource(),
                                                              previous.persistentvolumesource())) {
    errors.push_back(api::Forbidden("spec.persistentvolumesource",
                                    "spec.persistentvolumesource is immutable after creation"));
  }
  if (spec.volumemode() != previous.volumemode()) {
    errors.push_back(api::Invalid("spec.volumeMode", spec.volumemode(), std::string(kImmutableMessage)));
  }
  return errors;
}

}  // namespace kube::apiserver::core
