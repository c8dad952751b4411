#include "kubelet/objects/api_object_source.h"

namespace kube::kubelet {

ApiObjectSource::ApiObjectSource(std::shared_ptr<client::Transport> transport)
    : client_(transport), services_(client::Informer<k8s::core::v1::Service>::New(transport)) {}

ApiObjectSource::~ApiObjectSource() { Stop(); }

absl::Status ApiObjectSource::Start(absl::Duration timeout) {
  services_.Start();
  if (!services_.WaitForCacheSync(timeout)) {
    return absl::UnavailableError("the service informer did not sync");
  }
  return absl::OkStatus();
}

void ApiObjectSource::Stop() { services_.Stop(); }

std::vector<std::shared_ptr<const k8s::core::v1::Service>> ApiObjectSource::ListServices(
    const std::string& ns) {
  return services_.lister().List(ns);
}

absl::StatusOr<std::shared_ptr<const k8s::core::v1::ConfigMap>> ApiObjectSource::GetConfigMap(
    const std::string& ns, const std::string& name) {
  auto object = client_.Get<k8s::core::v1::ConfigMap>(ns, name);
  if (!object.ok()) return object.status();
  return std::shared_ptr<const k8s::core::v1::ConfigMap>(std::move(*object));
}

absl::StatusOr<std::shared_ptr<const k8s::core::v1::Secret>> ApiObjectSource::GetSecret(
    const std::string& ns, const std::string& name) {
  auto object = client_.Get<k8s::core::v1::Secret>(ns, name);
  if (!object.ok()) return object.status();
  return std::shared_ptr<const k8s::core::v1::Secret>(std::move(*object));
}

absl::StatusOr<std::shared_ptr<const k8s::core::v1::PersistentVolumeClaim>>
ApiObjectSource::GetPersistentVolumeClaim(const std::string& ns, const std::string& name) {
  auto object = client_.Get<k8s::core::v1::PersistentVolumeClaim>(ns, name);
  if (!object.ok()) return object.status();
  return std::shared_ptr<const k8s::core::v1::PersistentVolumeClaim>(std::move(*object));
}

absl::StatusOr<std::shared_ptr<const k8s::core::v1::PersistentVolume>>
ApiObjectSource::GetPersistentVolume(const std::string& name) {
  auto object = client_.Get<k8s::core::v1::PersistentVolume>("", name);
  if (!object.ok()) return object.status();
  return std::shared_ptr<const k8s::core::v1::PersistentVolume>(std::move(*object));
}

}  // namespace kube::kubelet
