#pragma once

#include <string>

#include "common/api/field_error.h"

// Name rules the storage kinds share, as upstream's core validation words them.
namespace kube::apiserver::storage_rules {

// ValidateCSIDriverName: required, at most 63 characters, a DNS subdomain once
// lower-cased (drivers in CSINode, VolumeAttachment attachers).
void ValidateCsiDriverName(const std::string& name, const std::string& path,
                           api::FieldErrors& errors);

// ValidateQualifiedName: a label-key-like name ([prefix/]name).
void ValidateQualifiedName(const std::string& value, const std::string& path,
                           api::FieldErrors& errors);

}  // namespace kube::apiserver::storage_rules
