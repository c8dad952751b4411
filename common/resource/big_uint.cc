#include "common/resource/big_uint.h"

#include <algorithm>
#include <bit>

namespace kube::resource::internal {

BigUint::BigUint(uint64_t value) {
  while (value != 0) {
    limbs_.push_back(static_cast<uint32_t>(value));
    value >>= 32;
  }
}

BigUint BigUint::FromDecimal(std::string_view digits) {
  BigUint result;
  // Nine digits at a time: 10^9 fits a limb.
  size_t pos = 0;
  while (pos < digits.size()) {
    const size_t take = std::min<size_t>(9, digits.size() - pos);
    uint32_t chunk = 0;
    uint32_t scale = 1;
    for (size_t i = 0; i < take; ++i) {
      chunk = chunk * 10 + static_cast<uint32_t>(digits[pos + i] - '0');
      scale *= 10;
    }
    result.MulAdd(scale, chunk);
    pos += take;
  }
  return result;
}

void BigUint::Trim() {
  while (!limbs_.empty() && limbs_.back() == 0) limbs_.pop_back();
}

int BigUint::Compare(const BigUint& other) const {
  if (limbs_.size() != other.limbs_.size()) return limbs_.size() < other.limbs_.size() ? -1 : 1;
  for (size_t i = limbs_.size(); i-- > 0;) {
    if (limbs_[i] != other.limbs_[i]) return limbs_[i] < other.limbs_[i] ? -1 : 1;
  }
  return 0;
}

void BigUint::MulAdd(uint32_t multiplier, uint32_t addend) {
  uint64_t carry = addend;
  for (uint32_t& limb : limbs_) {
    const uint64_t product = static_cast<uint64_t>(limb) * multiplier + carry;
    limb = static_cast<uint32_t>(product);
    carry = product >> 32;
  }
  if (carry != 0) limbs_.push_back(static_cast<uint32_t>(carry));
  Trim();
}

void BigUint::MulPow10(uint64_t n) {
  if (IsZero()) return;
  for (; n >= 9; n -= 9) MulAdd(1000000000, 0);
  static constexpr uint32_t kPow10[] = {1,      10,      100,      1000,     10000,
                                        100000, 1000000, 10000000, 100000000};
  if (n > 0) MulAdd(kPow10[n], 0);
}

uint32_t BigUint::DivMod(uint32_t divisor) {
  uint64_t remainder = 0;
  for (size_t i = limbs_.size(); i-- > 0;) {
    const uint64_t current = (remainder << 32) | limbs_[i];
    limbs_[i] = static_cast<uint32_t>(current / divisor);
    remainder = current % divisor;
  }
  Trim();
  return static_cast<uint32_t>(remainder);
}

bool BigUint::DivPow10(uint64_t n) {
  bool exact = true;
  for (; n >= 9 && !IsZero(); n -= 9) exact = DivMod(1000000000) == 0 && exact;
  for (; n > 0 && !IsZero(); --n) exact = DivMod(10) == 0 && exact;
  return exact;
}

void BigUint::ShiftLeft(uint64_t bits) {
  if (IsZero() || bits == 0) return;
  const size_t limb_shift = bits / 32;
  const unsigned bit_shift = bits % 32;
  if (bit_shift != 0) {
    uint32_t carry = 0;
    for (uint32_t& limb : limbs_) {
      const uint32_t next = limb >> (32 - bit_shift);
      limb = (limb << bit_shift) | carry;
      carry = next;
    }
    if (carry != 0) limbs_.push_back(carry);
  }
  limbs_.insert(limbs_.begin(), limb_shift, 0);
}

void BigUint::ShiftRight(uint64_t bits) {
  const size_t limb_shift = bits / 32;
  if (limb_shift >= limbs_.size()) {
    limbs_.clear();
    return;
  }
  limbs_.erase(limbs_.begin(), limbs_.begin() + limb_shift);
  const unsigned bit_shift = bits % 32;
  if (bit_shift != 0) {
    for (size_t i = 0; i < limbs_.size(); ++i) {
      const uint32_t high = i + 1 < limbs_.size() ? limbs_[i + 1] << (32 - bit_shift) : 0;
      limbs_[i] = (limbs_[i] >> bit_shift) | high;
    }
  }
  Trim();
}

uint32_t BigUint::LowBits(unsigned bits) const {
  if (IsZero()) return 0;
  return bits >= 32 ? limbs_[0] : limbs_[0] & ((uint32_t{1} << bits) - 1);
}

void BigUint::Add(const BigUint& other) {
  if (limbs_.size() < other.limbs_.size()) limbs_.resize(other.limbs_.size(), 0);
  uint64_t carry = 0;
  for (size_t i = 0; i < limbs_.size(); ++i) {
    const uint64_t sum =
        static_cast<uint64_t>(limbs_[i]) + (i < other.limbs_.size() ? other.limbs_[i] : 0) + carry;
    limbs_[i] = static_cast<uint32_t>(sum);
    carry = sum >> 32;
  }
  if (carry != 0) limbs_.push_back(static_cast<uint32_t>(carry));
}

void BigUint::Sub(const BigUint& other) {
  int64_t borrow = 0;
  for (size_t i = 0; i < limbs_.size(); ++i) {
    int64_t diff =
        static_cast<int64_t>(limbs_[i]) - (i < other.limbs_.size() ? other.limbs_[i] : 0) - borrow;
    borrow = diff < 0 ? 1 : 0;
    if (diff < 0) diff += int64_t{1} << 32;
    limbs_[i] = static_cast<uint32_t>(diff);
  }
  Trim();
}

uint64_t BigUint::BitLength() const {
  if (IsZero()) return 0;
  return 32 * (limbs_.size() - 1) + std::bit_width(limbs_.back());
}

// 2^(b-1) <= v < 2^b, and log10(2) lies between 0.30102 and 0.30103.
uint64_t BigUint::MinDecimalDigits() const {
  const uint64_t bits = BitLength();
  return bits == 0 ? 0 : (bits - 1) * 30102 / 100000 + 1;
}

uint64_t BigUint::MaxDecimalDigits() const {
  const uint64_t bits = BitLength();
  return bits == 0 ? 0 : bits * 30103 / 100000 + 1;
}

std::optional<uint64_t> BigUint::ToUint64() const {
  if (limbs_.size() > 2) return std::nullopt;
  uint64_t value = 0;
  for (size_t i = limbs_.size(); i-- > 0;) value = (value << 32) | limbs_[i];
  return value;
}

std::string BigUint::ToString() const {
  if (IsZero()) return "0";
  BigUint rest = *this;
  std::string reversed;
  while (!rest.IsZero()) {
    uint32_t chunk = rest.DivMod(1000000000);
    for (int i = 0; i < 9; ++i) {
      reversed.push_back(static_cast<char>('0' + chunk % 10));
      chunk /= 10;
      if (rest.IsZero() && chunk == 0) break;
    }
  }
  return std::string(reversed.rbegin(), reversed.rend());
}

int CompareScaled(const BigUint& a, int64_t a_exponent, const BigUint& b, int64_t b_exponent) {
  if (a.IsZero() || b.IsZero()) return (a.IsZero() ? 0 : 1) - (b.IsZero() ? 0 : 1);
  // 10^(lo-1) <= value < 10^hi.
  const int64_t a_lo = static_cast<int64_t>(a.MinDecimalDigits()) + a_exponent;
  const int64_t a_hi = static_cast<int64_t>(a.MaxDecimalDigits()) + a_exponent;
  const int64_t b_lo = static_cast<int64_t>(b.MinDecimalDigits()) + b_exponent;
  const int64_t b_hi = static_cast<int64_t>(b.MaxDecimalDigits()) + b_exponent;
  if (a_lo - 1 >= b_hi) return 1;
  if (b_lo - 1 >= a_hi) return -1;
  if (a_exponent >= b_exponent) {
    BigUint scaled = a;
    scaled.MulPow10(static_cast<uint64_t>(a_exponent - b_exponent));
    return scaled.Compare(b);
  }
  BigUint scaled = b;
  scaled.MulPow10(static_cast<uint64_t>(b_exponent - a_exponent));
  return a.Compare(scaled);
}

}  // namespace kube::resource::internal
