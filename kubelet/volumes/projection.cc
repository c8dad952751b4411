#include "kubelet/volumes/projection.h"

#include "common/util/strings.h"
#include "kubelet/env/environment.h"

namespace kube::kubelet {
namespace {

// Labels and annotations as the downward API writes them: sorted key="value" lines.
template <typename Map>
std::string FormatMap(const Map& map) {
  std::map<std::string, std::string> sorted(map.begin(), map.end());
  std::string out;
  for (const auto& [key, value] : sorted) {
    std::string escaped;
    for (char c : value) {
      if (c == '"' || c == '\\') escaped.push_back('\\');
      if (c == '\n') {
        escaped += "\\n";
        continue;
      }
      escaped.push_back(c);
    }
    kube::StrAppend(&out, key, "=\"", escaped, "\"\n");
  }
  return out;
}

}  // namespace

absl::StatusOr<Projection> ProjectKeys(
    const std::map<std::string, std::string>& data,
    const google::protobuf::RepeatedPtrField<k8s::core::v1::KeyToPath>& items, int default_mode,
    bool optional, const std::string& kind) {
  Projection files;
  if (items.empty()) {
    for (const auto& [key, value] : data) files[key] = FileProjection{value, default_mode};
    return files;
  }
  for (const auto& item : items) {
    auto it = data.find(item.key());
    if (it == data.end()) {
      if (optional) continue;
      return absl::NotFoundError(
          kube::StrCat(kind, " references non-existent config key: ", item.key()));
    }
    files[item.path()] =
        FileProjection{it->second, item.has_mode() ? static_cast<int>(item.mode()) : default_mode};
  }
  return files;
}

absl::StatusOr<Projection> ProjectDownwardApi(
    const k8s::core::v1::Pod& pod,
    const google::protobuf::RepeatedPtrField<k8s::core::v1::DownwardAPIVolumeFile>& items,
    int default_mode, const std::string& pod_ip, const std::string& host_ip) {
  Projection files;
  for (const auto& item : items) {
    int mode = item.has_mode() ? static_cast<int>(item.mode()) : default_mode;
    if (!item.has_fieldref()) continue;  // resourceFieldRef: not yet
    const std::string& path = item.fieldref().fieldpath();
    std::string value;
    if (path == "metadata.labels") {
      value = FormatMap(pod.metadata().labels());
    } else if (path == "metadata.annotations") {
      value = FormatMap(pod.metadata().annotations());
    } else {
      absl::StatusOr<std::string> field = PodFieldValue(pod, path, pod_ip, host_ip);
      if (!field.ok()) return field.status();
      value = *field;
    }
    files[item.path()] = FileProjection{value, mode};
  }
  return files;
}

}  // namespace kube::kubelet
