#pragma once

#include "common/client/client.h"
#include "kubelet/objects/object_source.h"

namespace kube::kubelet {

// Reads each object from the API server when asked (upstream's "Get" strategy):
// always current, one request per lookup. Pods are synced a few times a minute,
// so that is cheap next to a watch per referenced object.
class ApiObjectSource final : public ObjectSource {
 public:
  explicit ApiObjectSource(client::Client client) : client_(std::move(client)) {}

  // ObjectSource
  absl::StatusOr<std::shared_ptr<const k8s::core::v1::ConfigMap>> GetConfigMap(
      const std::string& ns, const std::string& name) override;
  absl::StatusOr<std::shared_ptr<const k8s::core::v1::Secret>> GetSecret(
      const std::string& ns, const std::string& name) override;
  absl::StatusOr<std::shared_ptr<const k8s::core::v1::PersistentVolumeClaim>>
  GetPersistentVolumeClaim(const std::string& ns, const std::string& name) override;
  absl::StatusOr<std::shared_ptr<const k8s::core::v1::PersistentVolume>> GetPersistentVolume(
      const std::string& name) override;

 private:
  const client::Client client_;
};

}  // namespace kube::kubelet
