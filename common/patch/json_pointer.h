#pragma once

// RFC 6901 JSON pointers over RapidJSON values, for RFC 6902 JSON patches.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "rapidjson/document.h"

namespace kube::patch::internal {

// "/a~1b/0" -> {"a/b", "0"}; "" -> {} (the whole document). A non-empty pointer must
// start with "/". Like evanphx/json-patch, other "~" sequences are kept as they are.
absl::StatusOr<std::vector<std::string>> ParsePointer(std::string_view pointer);

// The value at the first `count` tokens of `tokens`, or nullptr.
rapidjson::Value* Resolve(rapidjson::Value& root, const std::vector<std::string>& tokens,
                          size_t count);

// An array index token: decimal digits without leading zeros.
std::optional<size_t> ParseIndex(std::string_view token);

}  // namespace kube::patch::internal
