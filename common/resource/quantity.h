#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "common/resource/big_uint.h"
#include "common/resource/format.h"

namespace kube::resource {

// An exact decimal amount of a resource ("500m" CPU, "1.5Gi" memory), as
// upstream's resource.Quantity: parsed without floating point, remembered with
// the format family of its suffix, and written back in canonical form.
//
// Values are exact at any size: a quantity is sign * integer * 10^exponent
// with an unbounded integer. As upstream, parsing rounds values finer than
// 1n away from zero ("0.5n" -> 1n) and caps binary-SI values at 2^63-1
// ("8Ei"). Exponents in the text must fit int32. A plain value type: copy
// freely; not safe to mutate from several threads.
class Quantity {
 public:
  // Zero, in DecimalSI.
  Quantity() = default;

  // Parses upstream's grammar: an optional sign, digits with an optional
  // fraction, then a suffix: binary Ki Mi Gi Ti Pi Ei, decimal n u m "" k M G
  // T P E, or an exponent e3 / E-3. InvalidArgument with upstream's messages:
  // "quantities must match the regular expression '...'",
  // "unable to parse quantity's suffix" or "unable to parse numeric part of quantity".
  static absl::StatusOr<Quantity> Parse(std::string_view text);

  // value, value/1000 and value*10^scale, as upstream's NewQuantity,
  // NewMilliQuantity and NewScaledQuantity (the last in DecimalSI).
  static Quantity FromInt64(int64_t value, Format format);
  static Quantity FromMilli(int64_t milli, Format format);
  static Quantity FromScaled(int64_t value, int32_t scale);

  // The value rounded away from zero to a whole number of 10^scale units, so
  // 1.1 -> 2 and -1.1 -> -2 at scale 0. Saturates at the int64 limits where
  // upstream silently overflows.
  int64_t ScaledValue(int32_t scale) const;
  // ScaledValue(0): "1500m" -> 2.
  int64_t Value() const { return ScaledValue(0); }
  // ScaledValue(-3): "1.5" -> 1500, "1n" -> 1.
  int64_t MilliValue() const { return ScaledValue(-3); }
  // The value when it is a whole number that fits int64 exactly.
  std::optional<int64_t> AsInt64() const;

  bool IsZero() const { return magnitude_.IsZero(); }
  // -1, 0 or 1.
  int Sign() const { return IsZero() ? 0 : (negative_ ? -1 : 1); }
  // -1, 0 or 1 as *this is less than, equal to or greater than other. Exact.
  int Cmp(const Quantity& other) const;

  // Exact sums. When *this is zero it takes other's format, as upstream.
  // Operands more than 10000 decimal places apart are not aligned: the one of
  // smaller magnitude is dropped (upstream would allocate without bound).
  void Add(const Quantity& other);
  void Sub(const Quantity& other);
  void Neg();

  Format format() const { return format_; }
  void set_format(Format format) {
    format_ = format;
    text_.clear();
  }

  // Upstream's String(): canonical form in the quantity's format family, with
  // no fraction and the largest suffix that loses nothing ("1000m" -> "1",
  // "0.5" -> "500m", "2048Ki" -> "2Mi", "1.5Gi" -> "1536Mi"). Binary values
  // below 1024 or with a fraction fall back to decimal SI; decimal SI values
  // past "E" to an exponent. As upstream, a freshly parsed quantity whose
  // digits were already canonical returns its original text ("+1", "1.500").
  std::string ToString() const;

  friend bool operator==(const Quantity& a, const Quantity& b) { return a.Cmp(b) == 0; }
  friend std::strong_ordering operator<=>(const Quantity& a, const Quantity& b) {
    return a.Cmp(b) <=> 0;
  }

 private:
  friend class QuantityParser;

  Quantity(bool negative, internal::BigUint magnitude, int64_t exponent, Format format)
      : negative_(negative && !magnitude.IsZero()),
        magnitude_(std::move(magnitude)),
        exponent_(exponent),
        format_(format) {}

  // *this += sign * other, exactly (see Add for the one exception).
  void AddSigned(const Quantity& other, bool negate_other);

  // Value = (negative_ ? -1 : 1) * magnitude_ * 10^exponent_. Never negative zero.
  bool negative_ = false;
  internal::BigUint magnitude_;
  int64_t exponent_ = 0;
  Format format_ = Format::kDecimalSI;
  // The parsed text when upstream would echo it; cleared by every change.
  std::string text_;
};

}  // namespace kube::resource
