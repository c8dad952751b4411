#pragma once

#include <string>

#include <google/protobuf/repeated_ptr_field.h>

#include "common/api/field_error.h"

// Rules PersistentVolumes and PersistentVolumeClaims share.
namespace kube::apiserver::core {

// Each mode supported; ReadWriteOncePod alone.
void ValidateAccessModes(const google::protobuf::RepeatedPtrField<std::string>& modes,
                         const std::string& path, api::FieldErrors& errors);
// "Filesystem" or "Block".
void ValidateVolumeMode(const std::string& mode, const std::string& path, api::FieldErrors& errors);
// A DNS subdomain when set.
void ValidateStorageClassName(const std::string& name, const std::string& path, api::FieldErrors& errors);

}  // namespace kube::apiserver::core
