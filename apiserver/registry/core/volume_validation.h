#pragma once

#include <set>
#include <string>

#include <google/protobuf/message.h>

#include "common/api/field_error.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::core {

// Upstream's validateVolumes: names are unique DNS-1123 labels and each volume has
// exactly one valid source. Returns the names of the valid volumes, which volume
// mounts may refer to.
std::set<std::string> ValidateVolumes(
    const google::protobuf::RepeatedPtrField<k8s::core::v1::Volume>& volumes,
    const std::string& path, api::FieldErrors& errors);

// Counts the sources set in a one-of-many message (VolumeSource,
// PersistentVolumeSource, VolumeProjection); every source after the first gets
// "may not specify more than 1 <noun> type". Returns how many are set.
int CountSources(const google::protobuf::Message& source, const std::string& path,
                 std::string_view noun, api::FieldErrors& errors);

// hostPath: path required; type one of upstream's values.
void ValidateHostPath(const k8s::core::v1::HostPathVolumeSource& host_path, const std::string& path,
                      api::FieldErrors& errors);
// nfs: server and an absolute path required.
void ValidateNfs(const k8s::core::v1::NFSVolumeSource& nfs, const std::string& path,
                 api::FieldErrors& errors);

}  // namespace kube::apiserver::core
