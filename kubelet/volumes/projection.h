#pragma once

#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "k8s/core/v1/core.pb.h"
#include "kubelet/volumes/atomic_writer.h"

namespace kube::kubelet {

using Projection = std::map<std::string, FileProjection>;

// The files a ConfigMap's or Secret's data makes: every key with `default_mode`,
// or only `items` (each at its path, with its own mode when set). An item naming a
// missing key fails (unless optional) with upstream's message:
// "configmap references non-existent config key: KEY".
absl::StatusOr<Projection> ProjectKeys(
    const std::map<std::string, std::string>& data,
    const google::protobuf::RepeatedPtrField<k8s::core::v1::KeyToPath>& items, int default_mode,
    bool optional, const std::string& kind);

// The files of downward API items: pod fields (labels and annotations as
// key="value" lines) at their paths.
absl::StatusOr<Projection> ProjectDownwardApi(
    const k8s::core::v1::Pod& pod,
    const google::protobuf::RepeatedPtrField<k8s::core::v1::DownwardAPIVolumeFile>& items,
    int default_mode, const std::string& pod_ip, const std::string& host_ip);

}  // namespace kube::kubelet
