// The PersistentVolume and PersistentVolumeClaim tables.

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "apiserver/printers/printer_util.h"
#include "apiserver/printers/printers.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver {
namespace {

using namespace printer_internal;
using k8s::core::v1::PersistentVolume;
using k8s::core::v1::PersistentVolumeClaim;

// The beta annotation that still overrides spec.storageClassName.
constexpr char kBetaStorageClassAnnotation[] = "volume.beta.kubernetes.io/storage-class";

// "RWO,ROX,RWX,RWOP" in that order, each at most once.
std::string AccessModes(const google::protobuf::RepeatedPtrField<std::string>& modes) {
  auto has = [&modes](const char* mode) {
    return std::find(modes.begin(), modes.end(), mode) != modes.end();
  };
  std::vector<std::string> text;
  if (has("ReadWriteOnce")) text.push_back("RWO");
  if (has("ReadOnlyMany")) text.push_back("ROX");
  if (has("ReadWriteMany")) text.push_back("RWX");
  if (has("ReadWriteOncePod")) text.push_back("RWOP");
  return absl::StrJoin(text, ",");
}

// The "storage" quantity of a resource list, "0" when absent (Go's zero Quantity).
std::string Storage(const google::protobuf::Map<std::string, k8s::resource::Quantity>& list) {
  auto it = list.find("storage");
  if (it == list.end() || it->second.string().empty()) return "0";
  return it->second.string();
}

std::string StorageClass(const k8s::meta::v1::ObjectMeta& meta, bool has_class,
                         const std::string& spec_class) {
  auto it = meta.annotations().find(kBetaStorageClassAnnotation);
  if (it != meta.annotations().end()) return it->second;
  return has_class ? spec_class : "";
}

std::vector<TableCell> PersistentVolumeRow(const PersistentVolume& volume, absl::Time now) {
  const auto& spec = volume.spec();
  std::string claim;
  if (spec.has_claimref()) claim = spec.claimref().namespace_() + "/" + spec.claimref().name();
  std::string phase =
      volume.metadata().has_deletiontimestamp() ? "Terminating" : volume.status().phase();
  return {volume.metadata().name(),
          Storage(spec.capacity()),
          AccessModes(spec.accessmodes()),
          spec.persistentvolumereclaimpolicy(),
          phase,
          claim,
          StorageClass(volume.metadata(), spec.has_storageclassname(), spec.storageclassname()),
          spec.has_volumeattributesclassname() ? spec.volumeattributesclassname() : "<unset>",
          volume.status().reason(),
          Age(volume.metadata(), now),
          spec.has_volumemode() ? spec.volumemode() : "<unset>"};
}

std::vector<TableCell> PersistentVolumeClaimRow(const PersistentVolumeClaim& claim,
                                                absl::Time now) {
  const auto& spec = claim.spec();
  std::string phase =
      claim.metadata().has_deletiontimestamp() ? "Terminating" : claim.status().phase();
  // Capacity and access modes are those of the bound volume.
  std::string capacity;
  std::string access_modes;
  if (!spec.volumename().empty()) {
    access_modes = AccessModes(claim.status().accessmodes());
    capacity = Storage(claim.status().capacity());
  }
  return {claim.metadata().name(),
          phase,
          spec.volumename(),
          capacity,
          access_modes,
          StorageClass(claim.metadata(), spec.has_storageclassname(), spec.storageclassname()),
          spec.has_volumeattributesclassname() ? spec.volumeattributesclassname() : "<unset>",
          Age(claim.metadata(), now),
          spec.has_volumemode() ? spec.volumemode() : "<unset>"};
}

}  // namespace

std::unique_ptr<TablePrinter> NewPersistentVolumePrinter() {
  return MakePrinter<PersistentVolume>(
      {
          NameColumn(),
          Column("Capacity", "string", "The capacity of the volume."),
          Column("Access Modes", "string", "The ways the volume can be mounted."),
          Column("Reclaim Policy", "string",
                 "What happens to the volume when released from its claim."),
          Column("Status", "string", "The phase of the volume."),
          Column("Claim", "string", "The claim bound to this volume."),
          Column("StorageClass", "string", "StorageClass of the pv"),
          Column("VolumeAttributesClass", "string", "VolumeAttributesClass of the pv"),
          Column("Reason", "string", "Why the volume is in its phase."),
          AgeColumn(),
          Column("VolumeMode", "string",
                 "Whether the volume is a filesystem or a raw block device.", 1),
      },
      PersistentVolumeRow);
}

std::unique_ptr<TablePrinter> NewPersistentVolumeClaimPrinter() {
  return MakePrinter<PersistentVolumeClaim>(
      {
          NameColumn(),
          Column("Status", "string", "The phase of the claim."),
          Column("Volume", "string", "The volume bound to this claim."),
          Column("Capacity", "string", "The capacity of the bound volume."),
          Column("Access Modes", "string", "The access modes of the bound volume."),
          Column("StorageClass", "string", "StorageClass of the pvc"),
          Column("VolumeAttributesClass", "string", "VolumeAttributesClass of the pvc"),
          AgeColumn(),
          Column("VolumeMode", "string",
                 "Whether the volume is a filesystem or a raw block device.", 1),
      },
      PersistentVolumeClaimRow);
}

}  // namespace kube::apiserver
