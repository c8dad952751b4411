#pragma once

// An in-memory ObjectSource for tests (header-only: not part of the kubelet).

#include <map>
#include <string>
#include <utility>

#include "absl/synchronization/mutex.h"
#include "kubelet/objects/object_source.h"

namespace kube::kubelet::testing {

class FakeObjectSource final : public ObjectSource {
 public:
  void AddConfigMap(const std::string& ns, const std::string& name,
                    std::map<std::string, std::string> data) {
    auto object = std::make_shared<k8s::core::v1::ConfigMap>();
    object->mutable_metadata()->set_namespace_(ns);
    object->mutable_metadata()->set_name(name);
    object->mutable_data()->insert(data.begin(), data.end());
    absl::MutexLock lock(&mu_);
    config_maps_[{ns, name}] = std::move(object);
  }
  void AddSecret(const std::string& ns, const std::string& name,
                 std::map<std::string, std::string> data) {
    auto object = std::make_shared<k8s::core::v1::Secret>();
    object->mutable_metadata()->set_namespace_(ns);
    object->mutable_metadata()->set_name(name);
    object->mutable_data()->insert(data.begin(), data.end());
    absl::MutexLock lock(&mu_);
    secrets_[{ns, name}] = std::move(object);
  }

  void AddPersistentVolumeClaim(k8s::core::v1::PersistentVolumeClaim claim) {
    absl::MutexLock lock(&mu_);
    std::pair<std::string, std::string> key{claim.metadata().namespace_(), claim.metadata().name()};
    claims_[key] = std::make_shared<k8s::core::v1::PersistentVolumeClaim>(std::move(claim));
  }
  void AddPersistentVolume(k8s::core::v1::PersistentVolume volume) {
    absl::MutexLock lock(&mu_);
    std::string name = volume.metadata().name();
    volumes_[name] = std::make_shared<k8s::core::v1::PersistentVolume>(std::move(volume));
  }

  void AddService(k8s::core::v1::Service service) {
    absl::MutexLock lock(&mu_);
    std::pair<std::string, std::string> key{service.metadata().namespace_(),
                                            service.metadata().name()};
    services_[key] = std::make_shared<k8s::core::v1::Service>(std::move(service));
  }

  absl::StatusOr<std::shared_ptr<const k8s::core::v1::ConfigMap>> GetConfigMap(
      const std::string& ns, const std::string& name) override {
    absl::MutexLock lock(&mu_);
    auto it = config_maps_.find({ns, name});
    if (it == config_maps_.end()) {
      return absl::NotFoundError("configmaps \"" + name + "\" not found");
    }
    return std::shared_ptr<const k8s::core::v1::ConfigMap>(it->second);
  }
  absl::StatusOr<std::shared_ptr<const k8s::core::v1::Secret>> GetSecret(
      const std::string& ns, const std::string& name) override {
    absl::MutexLock lock(&mu_);
    auto it = secrets_.find({ns, name});
    if (it == secrets_.end()) return absl::NotFoundError("secrets \"" + name + "\" not found");
    return std::shared_ptr<const k8s::core::v1::Secret>(it->second);
  }
  absl::StatusOr<std::shared_ptr<const k8s::core::v1::PersistentVolumeClaim>>
  GetPersistentVolumeClaim(const std::string& ns, const std::string& name) override {
    absl::MutexLock lock(&mu_);
    auto it = claims_.find({ns, name});
    if (it == claims_.end()) {
      return absl::NotFoundError("persistentvolumeclaims \"" + name + "\" not found");
    }
    return std::shared_ptr<const k8s::core::v1::PersistentVolumeClaim>(it->second);
  }
  absl::StatusOr<std::shared_ptr<const k8s::core::v1::PersistentVolume>> GetPersistentVolume(
      const std::string& name) override {
    absl::MutexLock lock(&mu_);
    auto it = volumes_.find(name);
    if (it == volumes_.end()) {
      return absl::NotFoundError("persistentvolumes \"" + name + "\" not found");
    }
    return std::shared_ptr<const k8s::core::v1::PersistentVolume>(it->second);
  }
  std::vector<std::shared_ptr<const k8s::core::v1::Service>> ListServices(
      const std::string& ns) override {
    absl::MutexLock lock(&mu_);
    std::vector<std::shared_ptr<const k8s::core::v1::Service>> out;
    for (const auto& [key, service] : services_) {
      if (key.first == ns) out.push_back(service);
    }
    return out;
  }

 private:
  absl::Mutex mu_;
  std::map<std::pair<std::string, std::string>, std::shared_ptr<k8s::core::v1::ConfigMap>>
      config_maps_ ABSL_GUARDED_BY(mu_);
  std::map<std::pair<std::string, std::string>, std::shared_ptr<k8s::core::v1::Secret>> secrets_
      ABSL_GUARDED_BY(mu_);
  std::map<std::pair<std::string, std::string>,
           std::shared_ptr<k8s::core::v1::PersistentVolumeClaim>>
      claims_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, std::shared_ptr<k8s::core::v1::PersistentVolume>> volumes_
      ABSL_GUARDED_BY(mu_);
  std::map<std::pair<std::string, std::string>, std::shared_ptr<k8s::core::v1::Service>> services_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace kube::kubelet::testing
