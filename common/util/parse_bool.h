#pragma once

#include <optional>
#include <string_view>

namespace kube {

// A boolean as Go's strconv.ParseBool reads one, which is how upstream reads
// boolean flags and query parameters (?watch=True from the Python client, ?watch=1,
// --flag=t): 1 t T TRUE true True, 0 f F FALSE false False; anything else is none.
inline std::optional<bool> ParseBool(std::string_view value) {
  for (std::string_view yes : {"1", "t", "T", "TRUE", "true", "True"}) {
    if (value == yes) return true;
  }
  for (std::string_view no : {"0", "f", "F", "FALSE", "false", "False"}) {
    if (value == no) return false;
  }
  return std::nullopt;
}

}  // namespace kube
