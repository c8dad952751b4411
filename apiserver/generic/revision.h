#pragma once

#include <cstdint>
#include <string_view>

namespace kube::apiserver {

// A resourceVersion as a storage revision: 0 for "", -1 for anything but digits.
inline int64_t ParseRevision(std::string_view text) {
  int64_t revision = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return -1;
    revision = revision * 10 + (c - '0');
  }
  return text.empty() ? 0 : revision;
}

}  // namespace kube::apiserver
