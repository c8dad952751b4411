#include "kubelet/volumes/volume_manager.h"

#include <filesystem>

#include "absl/strings/str_split.h"
#include "common/util/strings.h"
#include "kubelet/env/expansion.h"

namespace kube::kubelet {
namespace {

namespace fs = std::filesystem;

bool EscapesVolume(const std::string& sub_path) {
  if (!sub_path.empty() && sub_path[0] == '/') return true;
  for (absl::string_view element : absl::StrSplit(sub_path, '/')) {
    if (element == "..") return true;
  }
  return false;
}

}  // namespace

VolumeManager::VolumeManager(std::string root_dir, ObjectSource& objects, TokenManager* tokens,
                             std::vector<std::unique_ptr<VolumePlugin>> plugins)
    : root_dir_(std::move(root_dir)),
      objects_(objects),
      tokens_(tokens),
      plugins_(std::move(plugins)) {}

std::string VolumeManager::PodDir(const std::string& pod_uid) const {
  return kube::StrCat(root_dir_, "/pods/", pod_uid);
}

absl::StatusOr<PodVolumes> VolumeManager::SetUpPod(const k8s::core::v1::Pod& pod,
                                                   const std::string& pod_ip,
                                                   const std::string& host_ip) {
  PodVolumes volumes;
  for (const auto& volume : pod.spec().volumes()) {
    const VolumePlugin* plugin = nullptr;
    for (const auto& candidate : plugins_) {
      if (candidate->CanSupport(volume.volumesource())) {
        plugin = candidate.get();
        break;
      }
    }
    auto failed = [&](std::string_view why) {
      return absl::FailedPreconditionError(
          kube::StrCat("MountVolume.SetUp failed for volume \"", volume.name(), "\" : ", why));
    };
    if (plugin == nullptr) return failed("volume type not supported by this kubelet");
    VolumeContext context;
    context.pod = &pod;
    context.volume_dir =
        kube::StrCat(PodDir(pod.metadata().uid()), "/volumes/", plugin->name(), "/", volume.name());
    context.objects = &objects_;
    context.tokens = tokens_;
    context.pod_ip = pod_ip;
    context.host_ip = host_ip;
    absl::StatusOr<std::string> path = plugin->SetUp(volume, context);
    if (!path.ok()) return failed(std::string(path.status().message()));
    volumes[volume.name()] = PodVolume{*path, plugin->ReadOnly(volume)};
  }
  return volumes;
}

absl::StatusOr<std::vector<Mount>> VolumeManager::ContainerMounts(
    const k8s::core::v1::Container& container, const PodVolumes& volumes, const EnvList& env) {
  std::map<std::string, std::string, std::less<>> vars(env.begin(), env.end());
  auto lookup = [&vars](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
  std::vector<Mount> mounts;
  for (const auto& volume_mount : container.volumemounts()) {
    auto it = volumes.find(volume_mount.name());
    if (it == volumes.end()) {
      return absl::InvalidArgumentError(kube::StrCat("cannot find volume \"", volume_mount.name(),
                                                     "\" to mount into container \"",
                                                     container.name(), "\""));
    }
    Mount mount;
    mount.container_path = volume_mount.mountpath();
    mount.host_path = it->second.host_path;
    mount.readonly = volume_mount.readonly() || it->second.read_only;
    std::string sub_path = volume_mount.subpath();
    if (sub_path.empty() && !volume_mount.subpathexpr().empty()) {
      sub_path = ExpandReferences(volume_mount.subpathexpr(), lookup);
    }
    if (!sub_path.empty()) {
      if (EscapesVolume(sub_path)) {
        return absl::InvalidArgumentError(
            kube::StrCat("subPath \"", sub_path, "\" leaves its volume"));
      }
      mount.host_path = kube::StrCat(mount.host_path, "/", sub_path);
      std::error_code error;
      if (!fs::exists(mount.host_path, error) && !it->second.read_only) {
        fs::create_directories(mount.host_path, error);
      }
    }
    mounts.push_back(std::move(mount));
  }
  return mounts;
}

absl::Status VolumeManager::TearDownPod(const std::string& pod_uid) {
  if (pod_uid.empty()) return absl::OkStatus();
  if (tokens_ != nullptr) tokens_->DeletePodTokens(pod_uid);
  std::error_code error;
  // remove_all does not follow symlinks: hostPath targets are never touched.
  fs::remove_all(PodDir(pod_uid), error);
  if (error) {
    return absl::InternalError(kube::StrCat("remove ", PodDir(pod_uid), ": ", error.message()));
  }
  return absl::OkStatus();
}

std::vector<std::string> VolumeManager::PodsOnDisk() const {
  std::vector<std::string> uids;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(kube::StrCat(root_dir_, "/pods"), error)) {
    if (entry.is_directory(error)) uids.push_back(entry.path().filename().string());
  }
  return uids;
}

}  // namespace kube::kubelet
