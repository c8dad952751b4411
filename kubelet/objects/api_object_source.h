#pragma once

#include <memory>

#include "absl/time/time.h"
#include "common/client/client.h"
#include "common/client/typed_informer.h"
#include "kubelet/objects/object_source.h"

namespace kube::kubelet {

// Reads ConfigMaps, Secrets and volumes from the API server when asked
// (upstream's "Get" strategy): always current, one request per lookup. Pods are
// synced a few times a minute, so that is cheap next to a watch per referenced
// object. Services come from an informer on all of them, as upstream's kubelet:
// every container start needs its namespace's list.
class ApiObjectSource final : public ObjectSource {
 public:
  explicit ApiObjectSource(std::shared_ptr<client::Transport> transport);
  ~ApiObjectSource() override;

  // Starts the Service informer and waits (up to timeout) for its first list.
  absl::Status Start(absl::Duration timeout);
  void Stop();

  // ObjectSource
  absl::StatusOr<std::shared_ptr<const k8s::core::v1::ConfigMap>> GetConfigMap(
      const std::string& ns, const std::string& name) override;
  absl::StatusOr<std::shared_ptr<const k8s::core::v1::Secret>> GetSecret(
      const std::string& ns, const std::string& name) override;
  absl::StatusOr<std::shared_ptr<const k8s::core::v1::PersistentVolumeClaim>>
  GetPersistentVolumeClaim(const std::string& ns, const std::string& name) override;
  absl::StatusOr<std::shared_ptr<const k8s::core::v1::PersistentVolume>> GetPersistentVolume(
      const std::string& name) override;
  std::vector<std::shared_ptr<const k8s::core::v1::Service>> ListServices(
      const std::string& ns) override;

 private:
  const client::Client client_;
  client::Informer<k8s::core::v1::Service> services_;
};

}  // namespace kube::kubelet
