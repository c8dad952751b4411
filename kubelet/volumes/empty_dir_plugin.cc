#include <filesystem>

#include "common/util/strings.h"
#include "kubelet/volumes/volume_plugin.h"

namespace kube::kubelet {
namespace {

// emptyDir: a directory under the pod's directory that lives as long as the pod.
// medium: Memory is a plain directory too (no tmpfs: the kubelet may not be root).
class EmptyDirPlugin final : public VolumePlugin {
 public:
  std::string_view name() const override { return "kubernetes.io~empty-dir"; }
  bool CanSupport(const k8s::core::v1::VolumeSource& source) const override {
    return source.has_emptydir();
  }
  absl::StatusOr<std::string> SetUp(const k8s::core::v1::Volume& volume,
                                    const VolumeContext& context) const override {
    std::error_code error;
    std::filesystem::create_directories(context.volume_dir, error);
    if (error) {
      return absl::InternalError(kube::StrCat("mkdir ", context.volume_dir, ": ", error.message()));
    }
    // World-writable, as upstream: containers may run as any user.
    std::filesystem::permissions(context.volume_dir, std::filesystem::perms(0777), error);
    return context.volume_dir;
  }
};

}  // namespace

std::unique_ptr<VolumePlugin> NewEmptyDirPlugin() { return std::make_unique<EmptyDirPlugin>(); }

}  // namespace kube::kubelet
