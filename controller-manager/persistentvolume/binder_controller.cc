#include "controller-manager/persistentvolume/binder_controller.h"

#include "common/log/log.h"
#include "common/util/strings.h"
#include "controller-manager/persistentvolume/matching.h"

namespace kube::kcm::persistentvolume {
namespace {

constexpr char kClaimPrefix[] = "claim:";
constexpr char kVolumePrefix[] = "volume:";

std::string ClaimKey(const std::string& ns, const std::string& name) {
  return StrCat(kClaimPrefix, client::ObjectKey(ns, name));
}
std::string VolumeKey(const std::string& name) { return StrCat(kVolumePrefix, name); }

}  // namespace

BinderController::BinderController(ControllerContext& context)
    : workers_(context.settings.concurrent_pv_syncs),
      client_(context.client),
      recorder_(context.recorder),
      claims_(context.informers.For<Claim>()),
      volumes_(context.informers.For<Volume>()),
      controller_(
          [this] {
            client::ControllerOptions o;
            o.name = "persistentvolume-binder";
            o.cache_synced = {[this] { return claims_.HasSynced(); },
                              [this] { return volumes_.HasSynced(); }};
            return o;
          }(),
          [this](const std::string& key) { return Sync(key); }) {
  auto claim_changed = [this](const std::shared_ptr<const Claim>& claim) {
    controller_.Enqueue(ClaimKey(claim->metadata().namespace_(), claim->metadata().name()));
  };
  claims_.AddEventHandler({
      .on_add = claim_changed,
      .on_update = [claim_changed](const auto&, const auto& claim) { claim_changed(claim); },
      .on_delete = [this](const client::TypedDeletedObject<Claim>& gone) {
        // Its volume is released.
        if (gone.object != nullptr && !gone.object->spec().volumename().empty()) {
          controller_.Enqueue(VolumeKey(gone.object->spec().volumename()));
        }
      },
  });
  auto volume_changed = [this](const std::shared_ptr<const Volume>& volume) {
    controller_.Enqueue(VolumeKey(volume->metadata().name()));
    if (volume->spec().has_claimref()) {
      controller_.Enqueue(ClaimKey(volume->spec().claimref().namespace_(), volume->spec().claimref().name()));
    } else {
      EnqueuePendingClaims();  // a free volume may be what someone waits for
    }
  };
  volumes_.AddEventHandler({
      .on_add = volume_changed,
      .on_update = [volume_changed](const auto&, const auto& volume) { volume_changed(volume); },
      .on_delete = [this](const client::TypedDeletedObject<Volume>& gone) {
        if (gone.object != nullptr && gone.object->spec().has_claimref()) {
          const auto& ref = gone.object->spec().claimref();
          controller_.Enqueue(ClaimKey(ref.namespace_(), ref.name()));
        }
      },
  });
}

void BinderController::EnqueuePendingClaims() {
  for (const auto& claim : claims_.lister().List()) {
    if (claim->spec().volumename().empty()) {
      controller_.Enqueue(ClaimKey(claim->metadata().namespace_(), claim->metadata().name()));
    }
  }
}

absl::Status BinderController::Sync(const std::string& key) {
  if (key.rfind(kClaimPrefix, 0) == 0) {
    auto [ns, name] = client::SplitObjectKey(key.substr(sizeof(kClaimPrefix) - 1));
    return SyncClaim(ns, name);
  }
  if (key.rfind(kVolumePrefix, 0) == 0) return SyncVolume(key.substr(sizeof(kVolumePrefix) - 1));
  return absl::OkStatus();
}

absl::Status BinderController::SyncClaim(const std::string& ns, const std::string& name) {
  std::shared_ptr<const Claim> claim = claims_.lister().Get(ns, name);
  if (claim == nullptr || claim->metadata().has_deletiontimestamp()) return absl::OkStatus();
  if (!claim->spec().volumename().empty()) {
    std::shared_ptr<const Volume> volume = volumes_.lister().Get("", claim->spec().volumename());
    if (volume == nullptr) {
      // Bound once and the volume is gone: Lost; asked for by name: wait for it.
      return claim->status().phase() == "Bound" ? SetClaimPhase(*claim, "Lost", nullptr)
                                                : absl::OkStatus();
    }
    const bool ours = volume->spec().has_claimref() &&
                      volume->spec().claimref().name() == name &&
                      volume->spec().claimref().namespace_() == ns &&
                      (volume->spec().claimref().uid().empty() ||
                       volume->spec().claimref().uid() == claim->metadata().uid());
    if (!volume->spec().has_claimref() || ours) return Bind(*claim, *volume);
    return SetClaimPhase(*claim, "Pending", nullptr);  // the volume is someone else's
  }
  std::vector<VolumePtr> volumes = volumes_.lister().List();
  VolumePtr match = FindBestMatch(*claim, volumes);
  if (match == nullptr) {
    if (claim->status().phase() != "Pending") return SetClaimPhase(*claim, "Pending", nullptr);
    return absl::OkStatus();
  }
  return Bind(*claim, *match);
}

absl::Status BinderController::Bind(const Claim& claim, const Volume& volume) {
  // 1. The volume names the claim: from here on nobody else can take it.
  Volume bound_volume = volume;
  if (!volume.spec().has_claimref() || volume.spec().claimref().uid().empty()) {
    auto* ref = bound_volume.mutable_spec()->mutable_claimref();
    ref->set_kind("PersistentVolumeClaim");
    ref->set_apiversion("v1");
    ref->set_namespace_(claim.metadata().namespace_());
    ref->set_name(claim.metadata().name());
    ref->set_uid(claim.metadata().uid());
    ref->set_resourceversion(claim.metadata().resourceversion());
    absl::StatusOr<std::unique_ptr<Volume>> written = client_.Update(bound_volume);
    if (!written.ok()) return written.status();
    bound_volume = **written;
  }
  if (bound_volume.status().phase() != "Bound") {
    if (absl::Status status = SetVolumePhase(bound_volume, "Bound"); !status.ok()) return status;
  }
  // 2. The claim names the volume.
  Claim bound_claim = claim;
  if (claim.spec().volumename().empty()) {
    bound_claim.mutable_spec()->set_volumename(volume.metadata().name());
    (*bound_claim.mutable_metadata()->mutable_annotations())["pv.kubernetes.io/bind-completed"] = "yes";
    (*bound_claim.mutable_metadata()->mutable_annotations())["pv.kubernetes.io/bound-by-controller"] = "yes";
    absl::StatusOr<std::unique_ptr<Claim>> written = client_.Update(bound_claim);
    if (!written.ok()) return written.status();
    bound_claim = **written;
    KLOG(Info) << "bound claim " << claim.metadata().namespace_() << "/" << claim.metadata().name()
               << " to volume " << volume.metadata().name();
  }
  // 3. Both report it.
  if (bound_claim.status().phase() != "Bound") return SetClaimPhase(bound_claim, "Bound", &bound_volume);
  return absl::OkStatus();
}

absl::Status BinderController::SetClaimPhase(const Claim& claim, const std::string& phase,
                                             const Volume* volume) {
  Claim updated = claim;
  updated.mutable_status()->set_phase(phase);
  if (volume != nullptr) {
    *updated.mutable_status()->mutable_accessmodes() = volume->spec().accessmodes();
    *updated.mutable_status()->mutable_capacity() = volume->spec().capacity();
  }
  absl::StatusOr<std::unique_ptr<Claim>> written = client_.UpdateStatus(updated);
  if (absl::IsNotFound(written.status())) return absl::OkStatus();
  return written.status();
}

absl::Status BinderController::SetVolumePhase(const Volume& volume, const std::string& phase) {
  Volume updated = volume;
  updated.mutable_status()->set_phase(phase);
  absl::StatusOr<std::unique_ptr<Volume>> written = client_.UpdateStatus(updated);
  if (absl::IsNotFound(written.status())) return absl::OkStatus();
  return written.status();
}

absl::Status BinderController::SyncVolume(const std::string& name) {
  std::shared_ptr<const Volume> volume = volumes_.lister().Get("", name);
  if (volume == nullptr || volume->metadata().has_deletiontimestamp()) return absl::OkStatus();
  if (!volume->spec().has_claimref()) {
    if (volume->status().phase() != "Available") return SetVolumePhase(*volume, "Available");
    return absl::OkStatus();
  }
  const auto& ref = volume->spec().claimref();
  if (ref.uid().empty()) return absl::OkStatus();  // reserved by name, not bound yet
  std::shared_ptr<const Claim> claim = claims_.lister().Get(ref.namespace_(), ref.name());
  if (claim != nullptr && claim->metadata().uid() == ref.uid()) return absl::OkStatus();
  // The cache may not have the claim yet: ask the server before releasing.
  absl::StatusOr<std::unique_ptr<Claim>> live = client_.Get<Claim>(ref.namespace_(), ref.name());
  if (live.ok() && (*live)->metadata().uid() == ref.uid()) return absl::OkStatus();
  if (!live.ok() && !absl::IsNotFound(live.status())) return live.status();

  // Its claim is gone.
  const std::string& policy = volume->spec().persistentvolumereclaimpolicy();
  if (policy == "Delete") {
    KLOG(Info) << "volume " << name << ": claim deleted; reclaim policy Delete";
    absl::StatusOr<std::unique_ptr<Volume>> deleted = client_.Delete<Volume>("", name);
    if (!deleted.ok() && !absl::IsNotFound(deleted.status())) return deleted.status();
    return absl::OkStatus();
  }
  if (volume->status().phase() != "Released") {
    recorder_.Record(*volume, "Normal", "VolumeReleased",
                     StrCat("claim ", ref.namespace_(), "/", ref.name(), " was deleted"));
    return SetVolumePhase(*volume, "Released");
  }
  return absl::OkStatus();
}

}  // namespace kube::kcm::persistentvolume
