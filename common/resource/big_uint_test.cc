#include "common/resource/big_uint.h"

#include <catch2/catch.hpp>
#include <string>

namespace kube::resource::internal {
namespace {

TEST_CASE("BigUint decimal round trips") {
  for (const std::string& digits : std::vector<std::string>{
           "0", "1", "4294967295", "4294967296", "18446744073709551615", "18446744073709551616",
           "340282366920938463463374607431768211456", "1000000000", "999999999999999999",
           "123456789012345678901234567890123456789012345678901234567890"}) {
    CHECK(BigUint::FromDecimal(digits).ToString() == digits);
  }
  CHECK(BigUint::FromDecimal("").IsZero());
  CHECK(BigUint::FromDecimal("000123").ToString() == "123");
}

TEST_CASE("BigUint arithmetic") {
  BigUint a = BigUint::FromDecimal("18446744073709551615");
  a.Add(BigUint(1));
  CHECK(a.ToString() == "18446744073709551616");
  a.Sub(BigUint(2));
  CHECK(a.ToString() == "18446744073709551614");
  CHECK(a.ToUint64() == uint64_t{18446744073709551614u});
  a.Add(BigUint(2));
  CHECK_FALSE(a.ToUint64().has_value());

  BigUint b(7);
  b.MulPow10(30);
  CHECK(b.ToString() == "7" + std::string(30, '0'));
  CHECK(b.DivPow10(29));
  CHECK(b.ToString() == "70");
  CHECK_FALSE(b.DivPow10(2));
  CHECK(b.IsZero());

  BigUint c(3);
  c.ShiftLeft(100);
  CHECK(c.ToString() == "3802951800684688204490109616128");
  CHECK(c.LowBits(10) == 0);
  c.ShiftRight(99);
  CHECK(c.ToString() == "6");
  CHECK(c.LowBits(2) == 2);
  CHECK(c.DivMod(4) == 2);
  CHECK(c.ToString() == "1");
  c.ShiftRight(64);
  CHECK(c.IsZero());

  CHECK(BigUint(5).Compare(BigUint(7)) == -1);
  CHECK(BigUint::FromDecimal("99999999999999999999").Compare(BigUint(5)) == 1);
  CHECK(BigUint(9).Compare(BigUint(9)) == 0);
}

TEST_CASE("BigUint digit bounds bracket the true count") {
  for (const std::string& digits :
       std::vector<std::string>{"1", "9", "10", "99", "1024", "4294967296", "99999999999999999999",
                                "100000000000000000000000000000000000000000"}) {
    const BigUint v = BigUint::FromDecimal(digits);
    CHECK(v.MinDecimalDigits() <= digits.size());
    CHECK(v.MaxDecimalDigits() >= digits.size());
  }
  CHECK(BigUint().MaxDecimalDigits() == 0);
}

TEST_CASE("CompareScaled") {
  CHECK(CompareScaled(BigUint(1), 3, BigUint(1000), 0) == 0);
  CHECK(CompareScaled(BigUint(1), 3, BigUint(1001), 0) == -1);
  CHECK(CompareScaled(BigUint(15), -1, BigUint(1), 0) == 1);
  CHECK(CompareScaled(BigUint(1), 2000000000, BigUint(999), 0) == 1);
  CHECK(CompareScaled(BigUint(1), -2000000000, BigUint(1), -9) == -1);
  CHECK(CompareScaled(BigUint(), 5, BigUint(), -5) == 0);
  CHECK(CompareScaled(BigUint(), 5, BigUint(1), -5) == -1);
}

}  // namespace
}  // namespace kube::resource::internal
