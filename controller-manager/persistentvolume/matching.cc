#include "controller-manager/persistentvolume/matching.h"

#include <algorithm>

#include "common/resource/quantity.h"
#include "common/selectors/label_selector_proto.h"

namespace kube::kcm::persistentvolume {
namespace {

using k8s::core::v1::PersistentVolume;
using k8s::core::v1::PersistentVolumeClaim;

// Bytes of a "storage" quantity; -1 when missing or malformed.
int64_t StorageOf(const google::protobuf::Map<std::string, k8s::resource::Quantity>& resources) {
  auto it = resources.find("storage");
  if (it == resources.end()) return -1;
  absl::StatusOr<resource::Quantity> quantity = resource::Quantity::Parse(it->second.string());
  return quantity.ok() ? quantity->Value() : -1;
}

std::string ModeOf(bool has_mode, const std::string& mode) {
  return has_mode && !mode.empty() ? mode : "Filesystem";
}

bool ReservedFor(const PersistentVolume& volume, const PersistentVolumeClaim& claim) {
  if (!volume.spec().has_claimref()) return false;
  const auto& ref = volume.spec().claimref();
  return ref.name() == claim.metadata().name() && ref.namespace_() == claim.metadata().namespace_() &&
         (ref.uid().empty() || ref.uid() == claim.metadata().uid());
}

}  // namespace

bool Satisfies(const PersistentVolume& volume, const PersistentVolumeClaim& claim) {
  if (volume.spec().storageclassname() != claim.spec().storageclassname()) return false;
  if (ModeOf(volume.spec().has_volumemode(), volume.spec().volumemode()) !=
      ModeOf(claim.spec().has_volumemode(), claim.spec().volumemode())) {
    return false;
  }
  for (const std::string& mode : claim.spec().accessmodes()) {
    if (std::find(volume.spec().accessmodes().begin(), volume.spec().accessmodes().end(), mode) ==
        volume.spec().accessmodes().end()) {
      return false;
    }
  }
  const int64_t requested = StorageOf(claim.spec().resources().requests());
  const int64_t capacity = StorageOf(volume.spec().capacity());
  if (capacity < 0 || requested > capacity) return false;
  if (claim.spec().has_selector()) {
    absl::StatusOr<selectors::LabelSelector> selector =
        selectors::LabelSelectorFromProto(&claim.spec().selector());
    if (!selector.ok() || !selector->Matches(volume.metadata().labels())) return false;
  }
  return true;
}

VolumePtr FindBestMatch(const PersistentVolumeClaim& claim, const std::vector<VolumePtr>& volumes) {
  VolumePtr best;
  int64_t best_capacity = 0;
  for (const VolumePtr& volume : volumes) {
    if (volume->metadata().has_deletiontimestamp() || !Satisfies(*volume, claim)) continue;
    if (ReservedFor(*volume, claim)) return volume;
    if (volume->spec().has_claimref()) continue;
    const std::string& phase = volume->status().phase();
    if (!phase.empty() && phase != "Available" && phase != "Pending") continue;
    const int64_t capacity = StorageOf(volume->spec().capacity());
    if (best == nullptr || capacity < best_capacity) {
      best = volume;
      best_capacity = capacity;
    }
  }
  return best;
}

}  // namespace kube::kcm::persistentvolume
