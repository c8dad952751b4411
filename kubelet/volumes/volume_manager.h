#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "k8s/core/v1/core.pb.h"
#include "kubelet/env/environment.h"
#include "kubelet/objects/object_source.h"
#include "kubelet/runtime/runtime.h"
#include "kubelet/volumes/volume_plugin.h"

namespace kube::kubelet {

// A pod's volumes once set up: the host path of each, and whether it is read-only.
struct PodVolume {
  std::string host_path;
  bool read_only = false;
};
using PodVolumes = std::map<std::string, PodVolume>;

// Sets up pods' volumes under <root-dir>/pods/<uid>/volumes/<plug-in>/<name> and
// turns volumeMounts into runtime mounts. Thread-safe (plug-ins are stateless; a
// pod is set up by one pod worker at a time).
class VolumeManager {
 public:
  // `objects` and `tokens` (may be null: no serviceAccountToken sources) must
  // outlive the manager.
  VolumeManager(std::string root_dir, ObjectSource& objects, TokenManager* tokens = nullptr,
                std::vector<std::unique_ptr<VolumePlugin>> plugins = BuiltInVolumePlugins());

  // <root-dir>/pods/<uid>: the pod's directory (volumes, container logs).
  std::string PodDir(const std::string& pod_uid) const;

  // Sets up (or refreshes) every volume of the pod. The error names the volume as
  // upstream's FailedMount events do:
  //   MountVolume.SetUp failed for volume "config" : configmap "app" not found
  absl::StatusOr<PodVolumes> SetUpPod(const k8s::core::v1::Pod& pod, const std::string& pod_ip,
                                      const std::string& host_ip);

  // The container's mounts: each volumeMount at its mountPath, with subPath (or
  // subPathExpr with $(VAR) references to `env` expanded; created in the volume when
  // missing) and readOnly. InvalidArgument for a mount of an unknown volume or a
  // subPath leaving its volume.
  static absl::StatusOr<std::vector<Mount>> ContainerMounts(
      const k8s::core::v1::Container& container, const PodVolumes& volumes,
      const EnvList& env = {});

  // Removes the pod's directory (volumes and logs) and forgets its tokens.
  // hostPath volumes are not under it and stay.
  absl::Status TearDownPod(const std::string& pod_uid);
  // The pod uids that have a directory here (found again after a restart).
  std::vector<std::string> PodsOnDisk() const;

 private:
  const std::string root_dir_;
  ObjectSource& objects_;
  TokenManager* const tokens_;
  const std::vector<std::unique_ptr<VolumePlugin>> plugins_;  // constant after construction
};

}  // namespace kube::kubelet
