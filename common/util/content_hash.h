#pragma once

#include <string>
#include <string_view>

namespace kube::util {

// A stable digest of `content` for cache-busting URLs and ETags (OpenAPI v3,
// discovery): 128-bit FNV-1a as 32 upper-case hex digits. Not cryptographic; it only
// has to change when the content does.
std::string ContentHash(std::string_view content);

}  // namespace kube::util
