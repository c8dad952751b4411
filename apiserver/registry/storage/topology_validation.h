#pragma once

#include <google/protobuf/repeated_ptr_field.h>

#include <string>

#include "common/api/field_error.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::storage_rules {

// Upstream's validateAllowedTopologies: every term's matchLabelExpressions have
// qualified keys (each once) and a non-empty set of values; no two terms are
// the same.
void ValidateAllowedTopologies(
    const google::protobuf::RepeatedPtrField<k8s::core::v1::TopologySelectorTerm>& terms,
    const std::string& path, api::FieldErrors& errors);

}  // namespace kube::apiserver::storage_rules
