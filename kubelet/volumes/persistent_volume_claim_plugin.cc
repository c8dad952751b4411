#include <filesystem>

#include "common/util/strings.h"
#include "kubelet/volumes/volume_plugin.h"

namespace kube::kubelet {
namespace {

// persistentVolumeClaim: the claim must be Bound; the PersistentVolume it names is
// mounted where it lives on this node. hostPath and local volumes are node paths;
// network volume types would need attach/mount code this kubelet does not have.
class PersistentVolumeClaimPlugin final : public VolumePlugin {
 public:
  // PersistentVolume mounts appear under the volume's own plug-in upstream; the
  // claim plug-in's directory is never created, only named.
  std::string_view name() const override { return "kubernetes.io~persistent-volume-claim"; }
  bool CanSupport(const k8s::core::v1::VolumeSource& source) const override {
    return source.has_persistentvolumeclaim();
  }
  bool ReadOnly(const k8s::core::v1::Volume& volume) const override {
    return volume.volumesource().persistentvolumeclaim().readonly();
  }
  absl::StatusOr<std::string> SetUp(const k8s::core::v1::Volume& volume,
                                    const VolumeContext& context) const override {
    const std::string& claim_name = volume.volumesource().persistentvolumeclaim().claimname();
    const std::string& ns = context.pod->metadata().namespace_();
    auto claim = context.objects->GetPersistentVolumeClaim(ns, claim_name);
    if (!claim.ok()) return claim.status();
    const std::string& volume_name = (*claim)->spec().volumename();
    if ((*claim)->status().phase() != "Bound" || volume_name.empty()) {
      return absl::UnavailableError(
          kube::StrCat("persistentvolumeclaim \"", claim_name, "\" is not bound"));
    }
    auto pv = context.objects->GetPersistentVolume(volume_name);
    if (!pv.ok()) return pv.status();
    const auto& pv_spec = (*pv)->spec();
    if (pv_spec.has_claimref() && !pv_spec.claimref().uid().empty() &&
        pv_spec.claimref().uid() != (*claim)->metadata().uid()) {
      return absl::FailedPreconditionError(kube::StrCat(
          "persistentvolume \"", volume_name, "\" is bound to another claim"));
    }
    const auto& source = pv_spec.persistentvolumesource();
    if (source.has_hostpath()) return SetUpHostPath(source.hostpath());
    if (source.has_local()) {
      const std::string& path = source.local().path();
      if (!std::filesystem::is_directory(path)) {
        return absl::NotFoundError(kube::StrCat("local volume path ", path, " does not exist"));
      }
      return path;
    }
    return absl::UnimplementedError(kube::StrCat(
        "persistentvolume \"", volume_name, "\": only hostPath and local volumes are supported"));
  }
};

}  // namespace

std::unique_ptr<VolumePlugin> NewPersistentVolumeClaimPlugin() {
  return std::make_unique<PersistentVolumeClaimPlugin>();
}

}  // namespace kube::kubelet
