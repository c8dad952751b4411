#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::kubelet {

// The API objects pods reference: ConfigMaps and Secrets (for env and volumes),
// PersistentVolumeClaims and their PersistentVolumes, and the Services whose
// variables containers get. NotFound when the object does not exist.
// Implementations are thread-safe.
class ObjectSource {
 public:
  virtual ~ObjectSource() = default;
  virtual absl::StatusOr<std::shared_ptr<const k8s::core::v1::ConfigMap>> GetConfigMap(
      const std::string& ns, const std::string& name) = 0;
  virtual absl::StatusOr<std::shared_ptr<const k8s::core::v1::Secret>> GetSecret(
      const std::string& ns, const std::string& name) = 0;
  // For persistentVolumeClaim volumes: the claim, then the volume bound to it.
  virtual absl::StatusOr<std::shared_ptr<const k8s::core::v1::PersistentVolumeClaim>>
  GetPersistentVolumeClaim(const std::string& ns, const std::string& name) = 0;
  virtual absl::StatusOr<std::shared_ptr<const k8s::core::v1::PersistentVolume>>
  GetPersistentVolume(const std::string& name) = 0;
  // The Services of a namespace (from a cache: no request per container).
  virtual std::vector<std::shared_ptr<const k8s::core::v1::Service>> ListServices(
      const std::string& ns) = 0;
};

}  // namespace kube::kubelet
