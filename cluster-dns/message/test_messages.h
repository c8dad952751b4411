#pragma once

// Hand-made wire bytes for the codec's tests.

#include <cstdint>
#include <initializer_list>
#include <string>

namespace kube::dns::testing {

inline std::string Bytes(std::initializer_list<int> bytes) {
  std::string out;
  for (int b : bytes) out.push_back(static_cast<char>(b));
  return out;
}

// A query for `name` (dotted, no escapes) of `type`, id 0x1234, RD set.
inline std::string QueryWire(const std::string& name, uint16_t type) {
  std::string out = Bytes({0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0});
  size_t start = 0;
  while (start < name.size()) {
    size_t dot = name.find('.', start);
    if (dot == std::string::npos) dot = name.size();
    out.push_back(static_cast<char>(dot - start));
    out.append(name, start, dot - start);
    start = dot + 1;
  }
  out.push_back(0);
  out += Bytes({type >> 8, type & 0xFF, 0, 1});
  return out;
}

}  // namespace kube::dns::testing
