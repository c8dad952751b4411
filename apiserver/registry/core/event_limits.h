#pragma once

// Upstream's length limits on an Event's reporting fields, shared by the core/v1
// and events.k8s.io/v1 rules (which name the fields differently).

#include <cstddef>
#include <string>

#include "common/api/field_error.h"
#include "common/util/strings.h"

namespace kube::apiserver::core {

inline constexpr size_t kEventReportingInstanceLimit = 128;
inline constexpr size_t kEventActionLimit = 128;
inline constexpr size_t kEventReasonLimit = 128;
inline constexpr size_t kEventNoteLimit = 1024;

// "can have at most N characters" on `field` when `value` is longer than `limit`.
inline void CheckEventFieldLength(const std::string& value, size_t limit, const std::string& field,
                                  api::FieldErrors& errors) {
  if (value.size() > limit) {
    errors.push_back(api::Invalid(field, "", StrCat("can have at most ", limit, " characters")));
  }
}

}  // namespace kube::apiserver::core
