#include "kubelet/env/environment.h"

#include <map>

#include "common/resource/quantity.h"
#include "common/util/strings.h"
#include "kubelet/env/expansion.h"
#include "kubelet/env/service_environment.h"
#include "kubelet/qos/qos.h"

namespace kube::kubelet {
namespace {

using k8s::core::v1::Container;
using k8s::core::v1::Pod;

// An ordered environment where a repeated name replaces the value in place.
class EnvBuilder {
 public:
  void Set(const std::string& name, std::string value) {
    auto it = index_.find(name);
    if (it != index_.end()) {
      list_[it->second].second = std::move(value);
      return;
    }
    index_[name] = list_.size();
    list_.emplace_back(name, std::move(value));
  }
  std::optional<std::string> Get(std::string_view name) const {
    auto it = index_.find(std::string(name));
    if (it == index_.end()) return std::nullopt;
    return list_[it->second].second;
  }
  EnvList Take() { return std::move(list_); }

 private:
  EnvList list_;
  std::map<std::string, size_t> index_;
};

// "metadata.labels['app']" -> ("metadata.labels", "app").
bool SplitSubscript(const std::string& path, std::string* base, std::string* key) {
  size_t open = path.find("['");
  if (open == std::string::npos || path.size() < open + 4 || path.substr(path.size() - 2) != "']") {
    return false;
  }
  *base = path.substr(0, open);
  *key = path.substr(open + 2, path.size() - open - 4);
  return true;
}

// Every key of a ConfigMap's or Secret's data, in key order (protobuf maps have
// none), skipping keys that cannot be variable names.
template <typename Map>
void AddAll(EnvBuilder& env, const std::string& prefix, const Map& data) {
  std::map<std::string, std::string> sorted(data.begin(), data.end());
  for (const auto& [key, value] : sorted) {
    if (!key.empty() && key.find('=') == std::string::npos) env.Set(prefix + key, value);
  }
}

absl::Status NotFoundConfig(std::string_view kind, const std::string& name) {
  return absl::FailedPreconditionError(kube::StrCat(kind, " \"", name, "\" not found"));
}

absl::Status MissingKey(std::string_view kind, const std::string& ns, const std::string& name,
                        const std::string& key) {
  return absl::FailedPreconditionError(
      kube::StrCat("couldn't find key ", key, " in ", kind, " ", ns, "/", name));
}

int64_t CeilDiv(int64_t value, int64_t divisor) {
  if (divisor <= 0) return value;
  return (value + divisor - 1) / divisor;
}

absl::StatusOr<std::string> ResourceFieldValue(const Pod& pod, const Container& self,
                                               const k8s::core::v1::ResourceFieldSelector& ref,
                                               const EnvContext& context) {
  const Container* container = &self;
  if (!ref.containername().empty()) {
    container = nullptr;
    for (const auto& c : pod.spec().containers()) {
      if (c.name() == ref.containername()) container = &c;
    }
    if (container == nullptr) {
      return absl::FailedPreconditionError(
          kube::StrCat("container ", ref.containername(), " not found"));
    }
  }
  std::string divisor_text = ref.divisor().string().empty() ? "1" : ref.divisor().string();
  absl::StatusOr<resource::Quantity> divisor = resource::Quantity::Parse(divisor_text);
  if (!divisor.ok() || divisor->Sign() <= 0) {
    return absl::FailedPreconditionError(kube::StrCat("invalid divisor ", divisor_text));
  }
  const std::string& name = ref.resource();
  const auto& limits = container->resources().limits();
  const auto& requests = container->resources().requests();
  if (name == "limits.cpu" || name == "requests.cpu") {
    int64_t milli = name == "limits.cpu" ? MilliValue(limits, "cpu") : MilliValue(requests, "cpu");
    if (milli == 0 && name == "limits.cpu") milli = context.node_allocatable_milli_cpu;
    return std::to_string(CeilDiv(milli, divisor->MilliValue()));
  }
  if (name == "limits.memory" || name == "requests.memory") {
    int64_t bytes = name == "limits.memory" ? Value(limits, "memory") : Value(requests, "memory");
    if (bytes == 0 && name == "limits.memory") bytes = context.node_allocatable_memory;
    return std::to_string(CeilDiv(bytes, divisor->Value()));
  }
  if (name == "limits.ephemeral-storage" || name == "requests.ephemeral-storage") {
    const auto& list = name == "limits.ephemeral-storage" ? limits : requests;
    return std::to_string(CeilDiv(Value(list, "ephemeral-storage"), divisor->Value()));
  }
  return absl::FailedPreconditionError(kube::StrCat("unsupported resource ", name));
}

}  // namespace

absl::StatusOr<std::string> PodFieldValue(const Pod& pod, const std::string& field_path,
                                          const std::string& pod_ip, const std::string& host_ip) {
  if (field_path == "metadata.name") return pod.metadata().name();
  if (field_path == "metadata.namespace") return pod.metadata().namespace_();
  if (field_path == "metadata.uid") return pod.metadata().uid();
  if (field_path == "spec.nodeName") return pod.spec().nodename();
  if (field_path == "spec.serviceAccountName") return pod.spec().serviceaccountname();
  if (field_path == "status.podIP" || field_path == "status.podIPs") return pod_ip;
  if (field_path == "status.hostIP" || field_path == "status.hostIPs") return host_ip;
  std::string base, key;
  if (SplitSubscript(field_path, &base, &key)) {
    const auto& map =
        base == "metadata.labels" ? pod.metadata().labels() : pod.metadata().annotations();
    if (base == "metadata.labels" || base == "metadata.annotations") {
      auto it = map.find(key);
      return it == map.end() ? "" : it->second;
    }
  }
  return absl::InvalidArgumentError(kube::StrCat("unsupported fieldPath: ", field_path));
}

absl::StatusOr<EnvList> MakeEnvironment(const Container& container, const EnvContext& context) {
  const Pod& pod = *context.pod;
  const std::string& ns = pod.metadata().namespace_();
  EnvBuilder env;
  // Service variables come last and never replace one the container defines, but
  // env values may refer to them.
  std::map<std::string, std::string, std::less<>> service_env;
  for (auto& [name, value] : ServiceEnvironment(ServicesForPod(pod, *context.objects))) {
    service_env.emplace(std::move(name), std::move(value));
  }

  for (const auto& from : container.envfrom()) {
    if (from.has_configmapref()) {
      const std::string& name = from.configmapref().localobjectreference().name();
      auto object = context.objects->GetConfigMap(ns, name);
      if (!object.ok()) {
        if (absl::IsNotFound(object.status()) && from.configmapref().optional()) continue;
        if (absl::IsNotFound(object.status())) return NotFoundConfig("configmap", name);
        return object.status();
      }
      AddAll(env, from.prefix(), (*object)->data());
    } else if (from.has_secretref()) {
      const std::string& name = from.secretref().localobjectreference().name();
      auto object = context.objects->GetSecret(ns, name);
      if (!object.ok()) {
        if (absl::IsNotFound(object.status()) && from.secretref().optional()) continue;
        if (absl::IsNotFound(object.status())) return NotFoundConfig("secret", name);
        return object.status();
      }
      AddAll(env, from.prefix(), (*object)->data());
    }
  }

  auto lookup = [&env, &service_env](std::string_view name) -> std::optional<std::string> {
    if (std::optional<std::string> value = env.Get(name)) return value;
    auto it = service_env.find(name);
    if (it == service_env.end()) return std::nullopt;
    return it->second;
  };
  for (const auto& var : container.env()) {
    if (!var.has_valuefrom()) {
      env.Set(var.name(), ExpandReferences(var.value(), lookup));
      continue;
    }
    const auto& from = var.valuefrom();
    if (from.has_fieldref()) {
      absl::StatusOr<std::string> value =
          PodFieldValue(pod, from.fieldref().fieldpath(), context.pod_ip, context.host_ip);
      if (!value.ok()) return absl::FailedPreconditionError(value.status().message());
      env.Set(var.name(), *value);
    } else if (from.has_resourcefieldref()) {
      absl::StatusOr<std::string> value =
          ResourceFieldValue(pod, container, from.resourcefieldref(), context);
      if (!value.ok()) return value.status();
      env.Set(var.name(), *value);
    } else if (from.has_configmapkeyref()) {
      const auto& ref = from.configmapkeyref();
      const std::string& name = ref.localobjectreference().name();
      auto object = context.objects->GetConfigMap(ns, name);
      if (!object.ok()) {
        if (absl::IsNotFound(object.status()) && ref.optional()) continue;
        if (absl::IsNotFound(object.status())) return NotFoundConfig("configmap", name);
        return object.status();
      }
      auto it = (*object)->data().find(ref.key());
      if (it != (*object)->data().end()) {
        env.Set(var.name(), it->second);
      } else if (auto bin = (*object)->binarydata().find(ref.key());
                 bin != (*object)->binarydata().end()) {
        env.Set(var.name(), bin->second);
      } else if (!ref.optional()) {
        return MissingKey("ConfigMap", ns, name, ref.key());
      }
    } else if (from.has_secretkeyref()) {
      const auto& ref = from.secretkeyref();
      const std::string& name = ref.localobjectreference().name();
      auto object = context.objects->GetSecret(ns, name);
      if (!object.ok()) {
        if (absl::IsNotFound(object.status()) && ref.optional()) continue;
        if (absl::IsNotFound(object.status())) return NotFoundConfig("secret", name);
        return object.status();
      }
      auto it = (*object)->data().find(ref.key());
      if (it != (*object)->data().end()) {
        env.Set(var.name(), it->second);
      } else if (!ref.optional()) {
        return MissingKey("Secret", ns, name, ref.key());
      }
    }
  }
  for (auto& [name, value] : service_env) {
    if (!env.Get(name)) env.Set(name, std::move(value));
  }
  return env.Take();
}

std::vector<std::string> ExpandCommand(const google::protobuf::RepeatedPtrField<std::string>& words,
                                       const EnvList& env) {
  std::map<std::string, std::string, std::less<>> vars(env.begin(), env.end());
  auto lookup = [&vars](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
  std::vector<std::string> out;
  out.reserve(words.size());
  for (const std::string& word : words) out.push_back(ExpandReferences(word, lookup));
  return out;
}

}  // namespace kube::kubelet
