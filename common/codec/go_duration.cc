#include "common/codec/go_duration.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/codec/absl_view.h"

namespace kube::codec {
namespace {

constexpr uint64_t kMicrosecond = 1'000;
constexpr uint64_t kMillisecond = 1'000'000;
constexpr uint64_t kSecond = 1'000'000'000;
constexpr uint64_t kMaxMagnitude = uint64_t{1} << 63;  // |min int64|

// Prepends the `precision` low decimal digits of v as a fraction (".25"), trailing
// zeros dropped, and returns v with them removed. Mirrors Go's fmtFrac.
uint64_t PrependFraction(std::string& out, uint64_t v, int precision) {
  bool print = false;
  std::string digits;
  for (int i = 0; i < precision; ++i) {
    uint64_t digit = v % 10;
    print = print || digit != 0;
    if (print) digits.push_back(static_cast<char>('0' + digit));
    v /= 10;
  }
  if (print) {
    digits.push_back('.');
    std::reverse(digits.begin(), digits.end());
    out.insert(0, digits);
  }
  return v;
}

void PrependInt(std::string& out, uint64_t v) { out.insert(0, absl::StrCat(v)); }

}  // namespace

std::string FormatGoDuration(int64_t nanoseconds) {
  bool negative = nanoseconds < 0;
  uint64_t u = negative ? 0 - static_cast<uint64_t>(nanoseconds)
                        : static_cast<uint64_t>(nanoseconds);
  std::string out;
  if (u < kSecond) {
    // Below a second Go switches to a smaller unit, like "1.2ms".
    int precision;
    if (u == 0) return "0s";
    if (u < kMicrosecond) {
      precision = 0;
      out = "ns";
    } else if (u < kMillisecond) {
      precision = 3;
      out = "\u00b5s";
    } else {
      precision = 6;
      out = "ms";
    }
    u = PrependFraction(out, u, precision);
    PrependInt(out, u);
  } else {
    out = "s";
    u = PrependFraction(out, u, 9);
    PrependInt(out, u % 60);
    u /= 60;
    if (u > 0) {
      out.insert(0, "m");
      PrependInt(out, u % 60);
      u /= 60;
      if (u > 0) {  // Stops at hours: days vary in length.
        out.insert(0, "h");
        PrependInt(out, u);
      }
    }
  }
  if (negative) out.insert(0, "-");
  return out;
}

absl::StatusOr<int64_t> ParseGoDuration(std::string_view text) {
  const std::string_view original = text;
  auto invalid = [&](std::string_view why) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid duration \"", internal::AbslView(original), "\": ", internal::AbslView(why)));
  };
  bool negative = false;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  if (text == "0") return 0;
  if (text.empty()) return invalid("empty");

  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  uint64_t total = 0;
  while (!text.empty()) {
    if (text[0] != '.' && !is_digit(text[0])) return invalid("expected a number");
    // Integer part; overflow is an error.
    uint64_t whole = 0;
    size_t i = 0;
    for (; i < text.size() && is_digit(text[i]); ++i) {
      if (whole > kMaxMagnitude / 10) return invalid("overflow");
      whole = whole * 10 + (text[i] - '0');
      if (whole > kMaxMagnitude) return invalid("overflow");
    }
    bool had_whole = i > 0;
    text.remove_prefix(i);
    // Fraction; digits past int64 precision are ignored, as Go does.
    uint64_t fraction = 0;
    double scale = 1;
    bool had_fraction = false;
    if (!text.empty() && text[0] == '.') {
      text.remove_prefix(1);
      bool overflow = false;
      size_t j = 0;
      for (; j < text.size() && is_digit(text[j]); ++j) {
        if (overflow) continue;
        if (fraction > (kMaxMagnitude - 1) / 10) {
          overflow = true;
          continue;
        }
        uint64_t next = fraction * 10 + (text[j] - '0');
        if (next > kMaxMagnitude) {
          overflow = true;
          continue;
        }
        fraction = next;
        scale *= 10;
      }
      had_fraction = j > 0;
      text.remove_prefix(j);
    }
    if (!had_whole && !had_fraction) return invalid("expected a number");
    size_t unit_length = 0;
    while (unit_length < text.size() && text[unit_length] != '.' &&
           !is_digit(text[unit_length])) {
      ++unit_length;
    }
    if (unit_length == 0) return invalid("missing unit");
    std::string_view unit = text.substr(0, unit_length);
    text.remove_prefix(unit_length);
    uint64_t unit_nanos;
    if (unit == "ns") {
      unit_nanos = 1;
    } else if (unit == "us" || unit == "\u00b5s" || unit == "\u03bcs") {
      unit_nanos = kMicrosecond;
    } else if (unit == "ms") {
      unit_nanos = kMillisecond;
    } else if (unit == "s") {
      unit_nanos = kSecond;
    } else if (unit == "m") {
      unit_nanos = 60 * kSecond;
    } else if (unit == "h") {
      unit_nanos = 3600 * kSecond;
    } else {
      return invalid(absl::StrCat("unknown unit \"", internal::AbslView(unit), "\""));
    }
    if (whole > kMaxMagnitude / unit_nanos) return invalid("overflow");
    uint64_t value = whole * unit_nanos;
    if (fraction > 0) {
      // Go computes the fractional part in float64 too (exact to the nanosecond for an hour).
      value += static_cast<uint64_t>(static_cast<double>(fraction) *
                                     (static_cast<double>(unit_nanos) / scale));
      if (value > kMaxMagnitude) return invalid("overflow");
    }
    total += value;
    if (total > kMaxMagnitude) return invalid("overflow");
  }
  if (negative) return static_cast<int64_t>(0 - total);
  if (total > kMaxMagnitude - 1) return invalid("overflow");
  return static_cast<int64_t>(total);
}

}  // namespace kube::codec
