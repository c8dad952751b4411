// The volumes whose files come from API data: configMap, secret, downwardAPI and
// projected. All are written atomically and mounted read-only.

#include "common/util/strings.h"
#include "kubelet/volumes/atomic_writer.h"
#include "kubelet/volumes/projection.h"
#include "kubelet/volumes/token_projection.h"
#include "kubelet/volumes/volume_plugin.h"

namespace kube::kubelet {
namespace {

constexpr int kDefaultMode = 0644;

template <typename Map>
std::map<std::string, std::string> Sorted(const Map& map) {
  return std::map<std::string, std::string>(map.begin(), map.end());
}

// The ConfigMap's data and binaryData; NotFound (with upstream's message) when it
// is missing, an empty map when it is missing and optional.
absl::StatusOr<std::map<std::string, std::string>> ConfigMapData(const VolumeContext& context,
                                                                 const std::string& name,
                                                                 bool optional) {
  auto object = context.objects->GetConfigMap(context.pod->metadata().namespace_(), name);
  if (!object.ok()) {
    if (absl::IsNotFound(object.status()) && optional) return std::map<std::string, std::string>();
    if (absl::IsNotFound(object.status())) {
      return absl::NotFoundError(kube::StrCat("configmap \"", name, "\" not found"));
    }
    return object.status();
  }
  std::map<std::string, std::string> data = Sorted((*object)->data());
  for (const auto& [key, value] : (*object)->binarydata()) data[key] = value;
  return data;
}

absl::StatusOr<std::map<std::string, std::string>> SecretData(const VolumeContext& context,
                                                              const std::string& name,
                                                              bool optional) {
  auto object = context.objects->GetSecret(context.pod->metadata().namespace_(), name);
  if (!object.ok()) {
    if (absl::IsNotFound(object.status()) && optional) return std::map<std::string, std::string>();
    if (absl::IsNotFound(object.status())) {
      return absl::NotFoundError(kube::StrCat("secret \"", name, "\" not found"));
    }
    return object.status();
  }
  return Sorted((*object)->data());
}

absl::StatusOr<std::string> Write(const VolumeContext& context,
                                  const absl::StatusOr<Projection>& files) {
  if (!files.ok()) return files.status();
  if (absl::Status status = WriteAtomically(context.volume_dir, *files); !status.ok()) {
    return status;
  }
  return context.volume_dir;
}

class ConfigMapPlugin final : public VolumePlugin {
 public:
  std::string_view name() const override { return "kubernetes.io~configmap"; }
  bool CanSupport(const k8s::core::v1::VolumeSource& source) const override {
    return source.has_configmap();
  }
  bool AlwaysReadOnly() const override { return true; }
  absl::StatusOr<std::string> SetUp(const k8s::core::v1::Volume& volume,
                                    const VolumeContext& context) const override {
    const auto& source = volume.volumesource().configmap();
    auto data = ConfigMapData(context, source.localobjectreference().name(), source.optional());
    if (!data.ok()) return data.status();
    int mode = source.has_defaultmode() ? source.defaultmode() : kDefaultMode;
    return Write(context, ProjectKeys(*data, source.items(), mode, source.optional(), "configmap"));
  }
};

class SecretPlugin final : public VolumePlugin {
 public:
  std::string_view name() const override { return "kubernetes.io~secret"; }
  bool CanSupport(const k8s::core::v1::VolumeSource& source) const override {
    return source.has_secret();
  }
  bool AlwaysReadOnly() const override { return true; }
  absl::StatusOr<std::string> SetUp(const k8s::core::v1::Volume& volume,
                                    const VolumeContext& context) const override {
    const auto& source = volume.volumesource().secret();
    auto data = SecretData(context, source.secretname(), source.optional());
    if (!data.ok()) return data.status();
    int mode = source.has_defaultmode() ? source.defaultmode() : kDefaultMode;
    return Write(context, ProjectKeys(*data, source.items(), mode, source.optional(), "secret"));
  }
};

class DownwardApiPlugin final : public VolumePlugin {
 public:
  std::string_view name() const override { return "kubernetes.io~downward-api"; }
  bool CanSupport(const k8s::core::v1::VolumeSource& source) const override {
    return source.has_downwardapi();
  }
  bool AlwaysReadOnly() const override { return true; }
  absl::StatusOr<std::string> SetUp(const k8s::core::v1::Volume& volume,
                                    const VolumeContext& context) const override {
    const auto& source = volume.volumesource().downwardapi();
    int mode = source.has_defaultmode() ? source.defaultmode() : kDefaultMode;
    return Write(context, ProjectDownwardApi(*context.pod, source.items(), mode, context.pod_ip,
                                             context.host_ip));
  }
};

// projected: configMap, secret, downwardAPI and serviceAccountToken sources merged
// into one directory. Every sync rewrites it, which is when tokens are refreshed.
class ProjectedPlugin final : public VolumePlugin {
 public:
  std::string_view name() const override { return "kubernetes.io~projected"; }
  bool CanSupport(const k8s::core::v1::VolumeSource& source) const override {
    return source.has_projected();
  }
  bool AlwaysReadOnly() const override { return true; }
  absl::StatusOr<std::string> SetUp(const k8s::core::v1::Volume& volume,
                                    const VolumeContext& context) const override {
    const auto& projected = volume.volumesource().projected();
    int mode = projected.has_defaultmode() ? projected.defaultmode() : kDefaultMode;
    Projection files;
    for (const auto& source : projected.sources()) {
      absl::StatusOr<Projection> part = Projection();
      if (source.has_configmap()) {
        const auto& cm = source.configmap();
        auto data = ConfigMapData(context, cm.localobjectreference().name(), cm.optional());
        if (!data.ok()) return data.status();
        part = ProjectKeys(*data, cm.items(), mode, cm.optional(), "configmap");
      } else if (source.has_secret()) {
        const auto& secret = source.secret();
        auto data = SecretData(context, secret.localobjectreference().name(), secret.optional());
        if (!data.ok()) return data.status();
        part = ProjectKeys(*data, secret.items(), mode, secret.optional(), "secret");
      } else if (source.has_downwardapi()) {
        part = ProjectDownwardApi(*context.pod, source.downwardapi().items(), mode, context.pod_ip,
                                  context.host_ip);
      } else if (source.has_serviceaccounttoken()) {
        if (context.tokens == nullptr) {
          return absl::FailedPreconditionError("service account tokens are not served here");
        }
        part = ProjectServiceAccountToken(*context.pod, source.serviceaccounttoken(), mode,
                                          *context.tokens);
      }
      if (!part.ok()) return part.status();
      files.merge(*part);
    }
    return Write(context, files);
  }
};

}  // namespace

std::unique_ptr<VolumePlugin> NewConfigMapPlugin() { return std::make_unique<ConfigMapPlugin>(); }
std::unique_ptr<VolumePlugin> NewSecretPlugin() { return std::make_unique<SecretPlugin>(); }
std::unique_ptr<VolumePlugin> NewDownwardApiPlugin() {
  return std::make_unique<DownwardApiPlugin>();
}
std::unique_ptr<VolumePlugin> NewProjectedPlugin() { return std::make_unique<ProjectedPlugin>(); }

std::vector<std::unique_ptr<VolumePlugin>> BuiltInVolumePlugins() {
  std::vector<std::unique_ptr<VolumePlugin>> plugins;
  plugins.push_back(NewEmptyDirPlugin());
  plugins.push_back(NewHostPathPlugin());
  plugins.push_back(NewConfigMapPlugin());
  plugins.push_back(NewSecretPlugin());
  plugins.push_back(NewDownwardApiPlugin());
  plugins.push_back(NewProjectedPlugin());
  plugins.push_back(NewPersistentVolumeClaimPlugin());
  return plugins;
}

}  // namespace kube::kubelet
