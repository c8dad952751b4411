#include "common/resource/quantity.h"

#include <limits>

#include "common/resource/suffix.h"

namespace kube::resource {
namespace {

using internal::BigUint;
using internal::CompareScaled;

// How far apart (in powers of ten) two operands may be and still be aligned
// digit by digit; see Quantity::Add.
constexpr int64_t kMaxAlignDigits = 10000;

// magnitude * 10^exponent as an int64 with the given sign, or nullopt when it
// is not a whole number in range. round_up rounds a fraction away from zero.
std::optional<int64_t> ToInt64(const BigUint& magnitude, int64_t exponent, bool negative,
                               bool round_up, bool* overflow) {
  *overflow = false;
  if (magnitude.IsZero()) return 0;
  BigUint value = magnitude;
  if (exponent >= 0) {
    // At least 10^20 > 2^64: out of range whatever the digits.
    if (static_cast<int64_t>(value.MinDecimalDigits()) + exponent > 20) {
      *overflow = true;
      return std::nullopt;
    }
    value.MulPow10(static_cast<uint64_t>(exponent));
  } else if (static_cast<uint64_t>(-exponent) > value.MaxDecimalDigits()) {
    // All fraction: below one unit.
    if (!round_up) return std::nullopt;
    value = BigUint(1);
  } else if (!value.DivPow10(static_cast<uint64_t>(-exponent))) {
    if (!round_up) return std::nullopt;
    value.Add(BigUint(1));
  }
  const std::optional<uint64_t> unsigned_value = value.ToUint64();
  const uint64_t limit = negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
  if (!unsigned_value || *unsigned_value > limit) {
    *overflow = true;
    return std::nullopt;
  }
  if (!negative) return static_cast<int64_t>(*unsigned_value);
  return *unsigned_value == (uint64_t{1} << 63) ? std::numeric_limits<int64_t>::min()
                                                : -static_cast<int64_t>(*unsigned_value);
}

// Strips factors of ten into the exponent, then moves the exponent down to a
// multiple of three: upstream's AsCanonicalBytes.
void CanonicalDecimal(BigUint& digits, int64_t& exponent) {
  for (;;) {
    BigUint rest = digits;
    if (rest.DivMod(1000000000) != 0) break;
    digits = std::move(rest);
    exponent += 9;
  }
  for (;;) {
    BigUint rest = digits;
    if (rest.DivMod(10) != 0) break;
    digits = std::move(rest);
    exponent += 1;
  }
  switch (exponent % 3) {
    case 1:
    case -2:
      digits.MulAdd(10, 0);
      exponent -= 1;
      break;
    case 2:
    case -1:
      digits.MulAdd(100, 0);
      exponent -= 2;
      break;
  }
}

}  // namespace

Quantity Quantity::FromInt64(int64_t value, Format format) {
  const uint64_t magnitude =
      value < 0 ? uint64_t{0} - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  return Quantity(value < 0, BigUint(magnitude), 0, format);
}

Quantity Quantity::FromMilli(int64_t milli, Format format) {
  Quantity q = FromInt64(milli, format);
  q.exponent_ = -3;
  return q;
}

Quantity Quantity::FromScaled(int64_t value, int32_t scale) {
  Quantity q = FromInt64(value, Format::kDecimalSI);
  q.exponent_ = scale;
  return q;
}

int64_t Quantity::ScaledValue(int32_t scale) const {
  bool overflow;
  const std::optional<int64_t> value =
      ToInt64(magnitude_, exponent_ - scale, negative_, /*round_up=*/true, &overflow);
  if (value) return *value;
  return negative_ ? std::numeric_limits<int64_t>::min() : std::numeric_limits<int64_t>::max();
}

std::optional<int64_t> Quantity::AsInt64() const {
  bool overflow;
  return ToInt64(magnitude_, exponent_, negative_, /*round_up=*/false, &overflow);
}

int Quantity::Cmp(const Quantity& other) const {
  if (Sign() != other.Sign()) return Sign() < other.Sign() ? -1 : 1;
  const int magnitude = CompareScaled(magnitude_, exponent_, other.magnitude_, other.exponent_);
  return negative_ ? -magnitude : magnitude;
}

void Quantity::Add(const Quantity& other) { AddSigned(other, false); }

void Quantity::Sub(const Quantity& other) { AddSigned(other, true); }

void Quantity::Neg() {
  negative_ = !negative_ && !IsZero();
  text_.clear();
}

void Quantity::AddSigned(const Quantity& other, bool negate_other) {
  text_.clear();
  if (IsZero()) format_ = other.format_;
  if (other.IsZero()) return;
  const bool other_negative = other.negative_ != negate_other;
  if (IsZero()) {
    magnitude_ = other.magnitude_;
    exponent_ = other.exponent_;
    negative_ = other_negative;
    return;
  }
  const int64_t gap = exponent_ - other.exponent_;
  if (gap > kMaxAlignDigits || gap < -kMaxAlignDigits) {
    if (CompareScaled(magnitude_, exponent_, other.magnitude_, other.exponent_) < 0) {
      magnitude_ = other.magnitude_;
      exponent_ = other.exponent_;
      negative_ = other_negative;
    }
    return;
  }
  BigUint addend = other.magnitude_;
  if (gap > 0) {
    magnitude_.MulPow10(static_cast<uint64_t>(gap));
    exponent_ = other.exponent_;
  } else {
    addend.MulPow10(static_cast<uint64_t>(-gap));
  }
  if (negative_ == other_negative) {
    magnitude_.Add(addend);
  } else if (magnitude_.Compare(addend) >= 0) {
    magnitude_.Sub(addend);
  } else {
    addend.Sub(magnitude_);
    magnitude_ = std::move(addend);
    negative_ = other_negative;
  }
  if (magnitude_.IsZero()) negative_ = false;
}

std::string Quantity::ToString() const {
  if (!text_.empty()) return text_;
  if (IsZero()) return "0";
  const std::string sign = negative_ ? "-" : "";

  if (format_ == Format::kBinarySI && CompareScaled(magnitude_, exponent_, BigUint(1024), 0) >= 0) {
    // Binary only for whole numbers; anything with a fraction stays decimal.
    BigUint whole = magnitude_;
    bool is_whole;
    if (exponent_ >= 0) {
      is_whole = exponent_ <= kMaxAlignDigits;
      if (is_whole) whole.MulPow10(static_cast<uint64_t>(exponent_));
    } else {
      is_whole = static_cast<uint64_t>(-exponent_) <= whole.MaxDecimalDigits() &&
                 whole.DivPow10(static_cast<uint64_t>(-exponent_));
    }
    if (is_whole) {
      int power = 0;  // of 1024; "Ei" is the largest suffix
      while (power < 6 && whole.LowBits(10) == 0) {
        whole.ShiftRight(10);
        ++power;
      }
      return sign + whole.ToString() + std::string(internal::BinarySISuffix(power));
    }
  }

  BigUint digits = magnitude_;
  int64_t exponent = exponent_;
  CanonicalDecimal(digits, exponent);
  std::string suffix;
  if (format_ == Format::kDecimalExponent) {
    suffix = internal::DecimalExponentSuffix(exponent);
  } else if (std::optional<std::string_view> si = internal::DecimalSISuffix(exponent)) {
    suffix = std::string(*si);
  } else {
    // Past "E" (or below "n") decimal SI has no suffix; upstream falls back too.
    suffix = internal::DecimalExponentSuffix(exponent);
  }
  return sign + digits.ToString() + suffix;
}

}  // namespace kube::resource
