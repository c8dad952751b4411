// Quantity::Parse: upstream's scanner (parseQuantityString) and ParseQuantity.

#include <string>

#include "absl/status/status.h"
#include "common/resource/quantity.h"
#include "common/resource/suffix.h"

namespace kube::resource {
namespace {

using internal::BigUint;

constexpr char kFormatWrong[] =
    "quantities must match the regular expression "
    "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
constexpr char kNumericError[] = "unable to parse numeric part of quantity";
constexpr char kSuffixError[] = "unable to parse quantity's suffix";

// The smallest exponent a parsed quantity keeps; finer values round up.
constexpr int64_t kNanoExponent = -9;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The pieces of a quantity's text, split as upstream splits them.
struct Pieces {
  bool positive = true;
  // Digits before the point with leading zeros removed ("0" if none remain).
  std::string_view num = "0";
  std::string_view denom;  // digits after the point
  std::string_view suffix;
  bool has_digits = false;  // whether the number part held any digit at all
};

std::optional<Pieces> Split(std::string_view s) {
  Pieces p;
  size_t pos = 0;
  const size_t end = s.size();
  if (pos < end && (s[0] == '-' || s[0] == '+')) {
    p.positive = s[0] != '-';
    ++pos;
  }
  while (pos < end && s[pos] == '0') {
    ++pos;
    p.has_digits = true;
  }
  if (pos == end) return p;  // only zeros (or nothing) after the sign
  size_t start = pos;
  while (pos < end && IsDigit(s[pos])) ++pos;
  if (pos > start) p.num = s.substr(start, pos - start), p.has_digits = true;
  if (pos == end) return p;
  if (s[pos] == '.') {
    start = ++pos;
    while (pos < end && IsDigit(s[pos])) ++pos;
    p.denom = s.substr(start, pos - start);
    p.has_digits = p.has_digits || !p.denom.empty();
    if (pos == end) return p;
  }
  const size_t suffix_start = pos;
  while (pos < end && std::string_view("eEinumkKMGTP").find(s[pos]) != std::string_view::npos) {
    ++pos;
  }
  if (pos < end && (s[pos] == '-' || s[pos] == '+')) ++pos;
  while (pos < end && IsDigit(s[pos])) ++pos;
  if (pos != end) return std::nullopt;
  p.suffix = s.substr(suffix_start);
  return p;
}

// Upstream parses small values on an int64 fast path, and there keeps the
// original text as the quantity's string when its digits look canonical.
// Returns nullopt when the fast path does not apply, else whether to keep the text.
std::optional<bool> FastPathKeepsText(const Pieces& p, const internal::SuffixMeaning& meaning) {
  const int64_t digits = static_cast<int64_t>(p.num.size() + p.denom.size());
  if (meaning.base == 10) {
    if (18 - digits < 0) return std::nullopt;
    const int64_t scale = meaning.exponent - static_cast<int64_t>(p.denom.size());
    if (scale < kNanoExponent) return std::nullopt;
    const std::string shifted = std::string(p.num) + std::string(p.denom);
    return scale % 3 == 0 && !shifted.ends_with("000") && shifted[0] != '0';
  }
  if (!p.denom.empty()) return std::nullopt;
  const int64_t precision = 15 - static_cast<int64_t>(p.num.size()) - meaning.exponent * 3 / 10 - 1;
  if (precision < 0) return std::nullopt;
  const uint64_t value = *BigUint::FromDecimal(p.num).ToUint64();  // at most 14 digits
  return meaning.exponent % 10 == 0 && (value & 7) != 0;
}

}  // namespace

class QuantityParser {
 public:
  static absl::StatusOr<Quantity> Parse(std::string_view text) {
    if (text.empty()) return absl::InvalidArgumentError(kFormatWrong);
    if (text == "0") {
      Quantity zero;
      zero.text_ = "0";
      return zero;
    }
    const std::optional<Pieces> pieces = Split(text);
    if (!pieces) return absl::InvalidArgumentError(kFormatWrong);
    const std::optional<internal::SuffixMeaning> meaning =
        internal::InterpretSuffix(pieces->suffix);
    if (!meaning) return absl::InvalidArgumentError(kSuffixError);

    const std::optional<bool> keep_text = FastPathKeepsText(*pieces, *meaning);
    // Off the fast path upstream reads the number with inf.Dec, which wants a digit.
    if (!keep_text && !pieces->has_digits) return absl::InvalidArgumentError(kNumericError);

    BigUint magnitude = BigUint::FromDecimal(std::string(pieces->num) + std::string(pieces->denom));
    int64_t exponent = -static_cast<int64_t>(pieces->denom.size());
    if (meaning->base == 10) {
      exponent += meaning->exponent;
    } else {
      magnitude.ShiftLeft(static_cast<uint64_t>(meaning->exponent));
    }

    // Keep nothing finer than 1n, rounding up so a tiny request still gets something.
    if (!magnitude.IsZero() && exponent < kNanoExponent) {
      const uint64_t drop = static_cast<uint64_t>(kNanoExponent - exponent);
      if (drop > magnitude.MaxDecimalDigits()) {
        magnitude = BigUint(1);
      } else if (!magnitude.DivPow10(drop)) {
        magnitude.Add(BigUint(1));
      }
      exponent = kNanoExponent;
    }

    Format format = meaning->format;
    if (format == Format::kBinarySI) {
      const BigUint max_int64((uint64_t{1} << 63) - 1);
      if (internal::CompareScaled(magnitude, exponent, max_int64, 0) > 0) {
        magnitude = max_int64;
        exponent = 0;
      }
      if (!magnitude.IsZero() && internal::CompareScaled(magnitude, exponent, BigUint(1), 0) < 0) {
        format = Format::kDecimalSI;
      }
    }

    Quantity q(!pieces->positive, std::move(magnitude), exponent, format);
    if (keep_text.value_or(false)) q.text_ = std::string(text);
    return q;
  }
};

absl::StatusOr<Quantity> Quantity::Parse(std::string_view text) {
  return QuantityParser::Parse(text);
}

}  // namespace kube::resource
