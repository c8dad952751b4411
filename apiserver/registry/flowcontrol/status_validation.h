#pragma once

#include <google/protobuf/repeated_ptr_field.h>

#include <set>
#include <string>

#include "apiserver/registry/core/field_path.h"
#include "common/api/field_error.h"

namespace kube::apiserver::flowcontrol {

// ValidateFlowSchemaStatus / ValidatePriorityLevelConfigurationStatus: every
// condition has a type, and no type appears twice.
template <typename Condition>
api::FieldErrors ValidateConditionTypes(
    const google::protobuf::RepeatedPtrField<Condition>& conditions) {
  api::FieldErrors errors;
  std::set<std::string> types;
  for (int i = 0; i < conditions.size(); ++i) {
    const std::string at = core::Index("status.conditions", i);
    const std::string& type = conditions.Get(i).type();
    if (!types.insert(type).second) errors.push_back(api::Duplicate(core::Child(at, "type"), type));
    if (type.empty()) errors.push_back(api::Required(core::Child(at, "type"), "must not be empty"));
  }
  return errors;
}

}  // namespace kube::apiserver::flowcontrol
