#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/container/inlined_vector.h"

namespace kube::resource::internal {

// A non-negative integer of any size, just big enough for Quantity's exact
// decimal arithmetic. Values below 2^128 live inline (no allocation), which
// covers every quantity people write.
class BigUint {
 public:
  BigUint() = default;
  explicit BigUint(uint64_t value);

  // digits must be ASCII decimal digits; an empty string is zero.
  static BigUint FromDecimal(std::string_view digits);

  bool IsZero() const { return limbs_.empty(); }

  // -1, 0 or 1 as *this is less than, equal to or greater than other.
  int Compare(const BigUint& other) const;

  // *this = *this * multiplier + addend.
  void MulAdd(uint32_t multiplier, uint32_t addend);
  // *this *= 10^n.
  void MulPow10(uint64_t n);
  // *this /= divisor (non-zero); returns the remainder.
  uint32_t DivMod(uint32_t divisor);
  // *this /= 10^n; returns whether the division was exact.
  bool DivPow10(uint64_t n);

  void ShiftLeft(uint64_t bits);
  void ShiftRight(uint64_t bits);
  // The value of the lowest `bits` bits (bits <= 32).
  uint32_t LowBits(unsigned bits) const;

  void Add(const BigUint& other);
  // Requires *this >= other.
  void Sub(const BigUint& other);

  // Position of the highest set bit plus one; 0 for zero.
  uint64_t BitLength() const;
  // Bounds on the number of decimal digits (zero has none).
  uint64_t MinDecimalDigits() const;
  uint64_t MaxDecimalDigits() const;

  std::optional<uint64_t> ToUint64() const;
  // Decimal digits, "0" for zero.
  std::string ToString() const;

  friend bool operator==(const BigUint&, const BigUint&) = default;

 private:
  void Trim();

  // Little-endian base-2^32 digits with no high zero limbs; empty for zero.
  absl::InlinedVector<uint32_t, 4> limbs_;
};

// Compares a * 10^a_exponent with b * 10^b_exponent exactly, aligning the two
// only when their magnitudes are close (so the cost is bounded by their digits).
int CompareScaled(const BigUint& a, int64_t a_exponent, const BigUint& b, int64_t b_exponent);

}  // namespace kube::resource::internal
