#include "common/codec/base64.h"

#include <cstdint>

#include "absl/strings/escaping.h"
#include "common/codec/absl_view.h"

namespace kube::codec {
namespace {

int Sextet(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

}  // namespace

std::string Base64Encode(std::string_view bytes) { return absl::Base64Escape(internal::AbslView(bytes)); }

absl::StatusOr<std::string> Base64Decode(std::string_view text) {
  std::string clean;
  clean.reserve(text.size());
  for (char c : text) {
    if (c != '\r' && c != '\n') clean.push_back(c);
  }
  if (clean.size() % 4 != 0) {
    return absl::InvalidArgumentError("invalid base64: length is not a multiple of 4");
  }
  std::string out;
  out.reserve(clean.size() / 4 * 3);
  for (size_t i = 0; i < clean.size(); i += 4) {
    bool last = i + 4 == clean.size();
    int padding = 0;
    uint32_t group = 0;
    for (size_t j = 0; j < 4; ++j) {
      char c = clean[i + j];
      int v;
      if (c == '=' && last && j >= 2) {
        v = 0;
        ++padding;
      } else {
        v = Sextet(c);
        if (v < 0 || padding > 0) {
          return absl::InvalidArgumentError("invalid base64: illegal character");
        }
      }
      group = group << 6 | static_cast<uint32_t>(v);
    }
    out.push_back(static_cast<char>(group >> 16));
    if (padding < 2) out.push_back(static_cast<char>(group >> 8 & 0xff));
    if (padding < 1) out.push_back(static_cast<char>(group & 0xff));
  }
  return out;
}

}  // namespace kube::codec
