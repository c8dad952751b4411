#include "common/resource/suffix.h"

#include <limits>

namespace kube::resource::internal {
namespace {

constexpr std::string_view kDecimalSuffixes[] = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
constexpr int kSmallestDecimalExponent = -9;
constexpr std::string_view kBinarySuffixes[] = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

// strconv.ParseInt(s, 10, 64), narrowed to int32.
std::optional<int32_t> ParseExponent(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return std::nullopt;
  int64_t value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
    if (value > int64_t{std::numeric_limits<int32_t>::max()} + 1) return std::nullopt;
  }
  if (negative) value = -value;
  if (value < std::numeric_limits<int32_t>::min() || value > std::numeric_limits<int32_t>::max()) {
    return std::nullopt;
  }
  return static_cast<int32_t>(value);
}

}  // namespace

std::optional<SuffixMeaning> InterpretSuffix(std::string_view suffix) {
  for (int i = 0; i < static_cast<int>(std::size(kDecimalSuffixes)); ++i) {
    if (suffix == kDecimalSuffixes[i]) {
      return SuffixMeaning{10, kSmallestDecimalExponent + 3 * i, Format::kDecimalSI};
    }
  }
  for (int i = 1; i < static_cast<int>(std::size(kBinarySuffixes)); ++i) {
    if (suffix == kBinarySuffixes[i]) return SuffixMeaning{2, 10 * i, Format::kBinarySI};
  }
  if (suffix.size() > 1 && (suffix[0] == 'e' || suffix[0] == 'E')) {
    const std::optional<int32_t> exponent = ParseExponent(suffix.substr(1));
    if (!exponent) return std::nullopt;
    return SuffixMeaning{10, *exponent, Format::kDecimalExponent};
  }
  return std::nullopt;
}

std::optional<std::string_view> DecimalSISuffix(int64_t exponent) {
  const int64_t offset = exponent - kSmallestDecimalExponent;
  if (offset < 0 || offset % 3 != 0 ||
      offset / 3 >= static_cast<int64_t>(std::size(kDecimalSuffixes))) {
    return std::nullopt;
  }
  return kDecimalSuffixes[offset / 3];
}

std::string_view BinarySISuffix(int exponent) { return kBinarySuffixes[exponent]; }

std::string DecimalExponentSuffix(int64_t exponent) {
  return exponent == 0 ? std::string() : "e" + std::to_string(exponent);
}

}  // namespace kube::resource::internal
