#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "common/util/strings.h"
#include "kubelet/volumes/volume_plugin.h"

namespace kube::kubelet {
namespace {

namespace fs = std::filesystem;

absl::Status Check(bool ok, const std::string& path, std::string_view what) {
  if (ok) return absl::OkStatus();
  return absl::NotFoundError(
      kube::StrCat("hostPath type check failed: ", path, " is not a ", what));
}

// hostPath: a path on the node, checked (or created) per its type.
class HostPathPlugin final : public VolumePlugin {
 public:
  std::string_view name() const override { return "kubernetes.io~host-path"; }
  bool CanSupport(const k8s::core::v1::VolumeSource& source) const override {
    return source.has_hostpath();
  }
  absl::StatusOr<std::string> SetUp(const k8s::core::v1::Volume& volume,
                                    const VolumeContext&) const override {
    return SetUpHostPath(volume.volumesource().hostpath());
  }
};

}  // namespace

std::unique_ptr<VolumePlugin> NewHostPathPlugin() { return std::make_unique<HostPathPlugin>(); }

absl::StatusOr<std::string> SetUpHostPath(const k8s::core::v1::HostPathVolumeSource& source) {
  const std::string& path = source.path();
  const std::string& type = source.type();
  std::error_code error;
  fs::file_status status = fs::status(path, error);
  bool exists = fs::exists(status);
  if (type == "DirectoryOrCreate" && !exists) {
    fs::create_directories(path, error);
    if (error) return absl::InternalError(kube::StrCat("mkdir ", path, ": ", error.message()));
    fs::permissions(path, fs::perms(0755), error);
    return path;
  }
  if (type == "FileOrCreate" && !exists) {
    std::ofstream create(path, std::ios::app);
    if (!create) return absl::InternalError(kube::StrCat("cannot create file ", path));
    chmod(path.c_str(), 0644);
    return path;
  }
  absl::Status checked = absl::OkStatus();
  if (type == "Directory" || type == "DirectoryOrCreate") {
    checked = Check(fs::is_directory(status), path, "directory");
  } else if (type == "File" || type == "FileOrCreate") {
    checked = Check(fs::is_regular_file(status), path, "file");
  } else if (type == "Socket") {
    checked = Check(fs::is_socket(status), path, "socket");
  } else if (type == "CharDevice") {
    checked = Check(fs::is_character_file(status), path, "character device");
  } else if (type == "BlockDevice") {
    checked = Check(fs::is_block_file(status), path, "block device");
  }
  if (!checked.ok()) return checked;
  return path;
}

}  // namespace kube::kubelet
