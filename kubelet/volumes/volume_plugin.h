#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "k8s/core/v1/core.pb.h"
#include "kubelet/objects/object_source.h"
#include "kubelet/token/token_manager.h"

namespace kube::kubelet {

// What a plug-in may use to set a volume up.
struct VolumeContext {
  const k8s::core::v1::Pod* pod = nullptr;
  // The volume's own directory, <pod dir>/volumes/<plug-in>/<volume name>; the
  // plug-in creates it if it needs it.
  std::string volume_dir;
  ObjectSource* objects = nullptr;
  TokenManager* tokens = nullptr;  // serviceAccountToken sources; null: not served
  std::string pod_ip;  // for downward API files that name it
  std::string host_ip;
};

// One type of volume (Envoy-style plug-in): the VolumeManager asks each registered
// plug-in in turn whether it supports a volume. Implementations are stateless and
// thread-safe.
class VolumePlugin {
 public:
  virtual ~VolumePlugin() = default;
  // Upstream's directory name for the type: "kubernetes.io~empty-dir".
  virtual std::string_view name() const = 0;
  virtual bool CanSupport(const k8s::core::v1::VolumeSource& source) const = 0;
  // Whether containers only ever read it (API data volumes are read-only).
  virtual bool AlwaysReadOnly() const { return false; }
  // Whether this volume is mounted read-only in every container (a claim's readOnly).
  virtual bool ReadOnly(const k8s::core::v1::Volume& volume) const { return AlwaysReadOnly(); }
  // Makes the volume's content current (idempotent; run at every pod sync) and
  // returns the host path to mount. Errors say why, for a FailedMount event.
  virtual absl::StatusOr<std::string> SetUp(const k8s::core::v1::Volume& volume,
                                            const VolumeContext& context) const = 0;
};

// The built-in plug-ins, in the order they are asked.
std::vector<std::unique_ptr<VolumePlugin>> BuiltInVolumePlugins();

std::unique_ptr<VolumePlugin> NewEmptyDirPlugin();
std::unique_ptr<VolumePlugin> NewHostPathPlugin();
std::unique_ptr<VolumePlugin> NewConfigMapPlugin();
std::unique_ptr<VolumePlugin> NewSecretPlugin();
std::unique_ptr<VolumePlugin> NewDownwardApiPlugin();
std::unique_ptr<VolumePlugin> NewProjectedPlugin();
std::unique_ptr<VolumePlugin> NewPersistentVolumeClaimPlugin();

// A hostPath on the node, checked or created per its type (hostPath volumes and
// hostPath PersistentVolumes); returns the path.
absl::StatusOr<std::string> SetUpHostPath(const k8s::core::v1::HostPathVolumeSource& source);

}  // namespace kube::kubelet
