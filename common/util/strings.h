#pragma once

#include <string>
#include <string_view>
#include <type_traits>

#include "absl/strings/str_cat.h"

namespace kube {

// String concatenation that takes std::string_view. Debian's abseil keeps its own
// absl::string_view type, so absl::StrCat rejects std::string_view arguments; the
// project uses std::string_view in its interfaces and concatenates with these.
// Numbers are formatted as absl::StrCat formats them.
namespace strings_internal {

template <typename T>
void AppendPart(std::string& out, const T& part) {
  if constexpr (std::is_convertible_v<const T&, std::string_view>) {
    out.append(std::string_view(part));
  } else if constexpr (std::is_same_v<T, char>) {
    out.push_back(part);
  } else {
    absl::StrAppend(&out, part);
  }
}

}  // namespace strings_internal

template <typename... Parts>
std::string StrCat(const Parts&... parts) {
  std::string out;
  (strings_internal::AppendPart(out, parts), ...);
  return out;
}

template <typename... Parts>
void StrAppend(std::string* out, const Parts&... parts) {
  (strings_internal::AppendPart(*out, parts), ...);
}

// Joins `items` (strings or string views) with `separator`.
template <typename Range>
std::string StrJoin(const Range& items, std::string_view separator) {
  std::string out;
  bool first = true;
  for (const auto& item : items) {
    if (!first) out.append(separator);
    first = false;
    strings_internal::AppendPart(out, item);
  }
  return out;
}

}  // namespace kube
