#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace kube::apiserver {

// The fieldValidation directive: "" (the server default, Warn), Strict, Warn or
// Ignore; anything else is 400.
absl::Status ValidateFieldValidation(std::string_view policy);

// Applies the directive to fields a body had that its type does not: Strict fails
// with upstream's "strict decoding error: unknown field ..."; Warn adds one warning
// per field; Ignore drops them.
absl::Status CheckUnknownFields(const std::vector<std::string>& unknown, std::string_view policy,
                                std::vector<std::string>& warnings);

}  // namespace kube::apiserver
