#include "common/codec/quantity_text.h"

#include <catch2/catch.hpp>

namespace kube::codec {
namespace {

TEST_CASE("IsValidQuantity follows Go's ParseQuantity", "[quantity]") {
  for (std::string_view good : {"0", "1", "500m", "1Gi", "1.5Gi", "+1k", "-2M", "0.1", ".5",
                                "1.", "1e3", "1E-3", "1e+3", "10n", "3u", "7Ei", "1E", "1P",
                                "1T", "-", "."}) {
    INFO(good);
    CHECK(IsValidQuantity(good));
  }
  for (std::string_view bad : {"", "abc", "1 Gi", " 1", "1Gb", "1gi", "1e", "1K", "1Kii",
                               "1..5", "--1", "1e3.5", "1mi", "0x10", "1Mi5", "1i"}) {
    INFO(bad);
    CHECK_FALSE(IsValidQuantity(bad));
  }
}

TEST_CASE("CanonicalQuantityFromNumber matches Go's canonical form", "[quantity]") {
  CHECK(CanonicalQuantityFromNumber("0") == "0");
  CHECK(CanonicalQuantityFromNumber("-0") == "0");
  CHECK(CanonicalQuantityFromNumber("1") == "1");
  CHECK(CanonicalQuantityFromNumber("0.5") == "500m");
  CHECK(CanonicalQuantityFromNumber("1.5") == "1500m");
  CHECK(CanonicalQuantityFromNumber("100") == "100");
  CHECK(CanonicalQuantityFromNumber("1000") == "1k");
  CHECK(CanonicalQuantityFromNumber("1500") == "1500");
  CHECK(CanonicalQuantityFromNumber("1000000") == "1M");
  CHECK(CanonicalQuantityFromNumber("0.001") == "1m");
  CHECK(CanonicalQuantityFromNumber("0.0001") == "100u");
  CHECK(CanonicalQuantityFromNumber("2.5e-10") == "1n");
  CHECK(CanonicalQuantityFromNumber("1.0000000001") == "1000000001n");
  CHECK(CanonicalQuantityFromNumber("-0.5") == "-500m");
  CHECK(CanonicalQuantityFromNumber("1e+21") == "1000E");
  CHECK(CanonicalQuantityFromNumber("12e3") == "12k");
  CHECK(CanonicalQuantityFromNumber("x").empty());
  CHECK(CanonicalQuantityFromNumber("1.2.3").empty());
}

}  // namespace
}  // namespace kube::codec
