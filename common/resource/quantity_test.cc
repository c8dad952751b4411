#include "common/resource/quantity.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>

namespace kube::resource {
namespace {

constexpr const char* kFormatWrong =
    "quantities must match the regular expression "
    "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
constexpr const char* kSuffixError = "unable to parse quantity's suffix";
constexpr const char* kNumericError = "unable to parse numeric part of quantity";

Quantity MustParse(std::string_view text) {
  absl::StatusOr<Quantity> q = Quantity::Parse(text);
  INFO(text << ": " << q.status().ToString());
  REQUIRE(q.ok());
  return *q;
}

std::string Canonical(std::string_view text) { return MustParse(text).ToString(); }

TEST_CASE("ToString canonicalizes as upstream") {
  struct Case {
    const char* input;
    const char* canonical;
  };
  const Case cases[] = {
      // The examples upstream documents and tests (TestQuantityString's
      // alternates, TestQuantityParseEmit).
      {"1000m", "1"},
      {"0.5", "500m"},
      {"1.5", "1500m"},
      {"1536Mi", "1536Mi"},
      {"1e3", "1e3"},
      {"100m", "100m"},
      {"2048Ki", "2Mi"},
      {"1.5Gi", "1536Mi"},
      {"1024Mi", "1Gi"},
      {"307200Ki", "300Mi"},
      {"1025024Mi", "1001Gi"},
      {"1024Gi", "1Ti"},
      {"5000m", "5"},
      {"1000M", "1G"},
      {"0.001T", "1G"},
      {"1000u", "1m"},
      {"1.08", "1080m"},
      {"1080000000n", "1080m"},
      {".001e12", "1e9"},
      {"0.001e0", "1e-3"},
      {"1000e-12", "1e-9"},
      {"00", "0"},
      {"1Ki", "1Ki"},
      {"1Mi", "1Mi"},
      {"1Gi", "1Gi"},
      {".001Ki", "1024m"},
      {".000001Ki", "1024u"},
      {".000000001Ki", "1024n"},
      {".000000000001Ki", "2n"},
      // Binary values below 1024 or with a fraction are written as decimal SI.
      {"0.5Ki", "512"},
      {"10.5Ki", "10752"},
      {"1.1Ki", "1126400m"},
      {"1023Ki", "1023Ki"},
      {"1048575Ki", "1048575Ki"},
      // Decimal SI and exponent forms keep their family.
      {"12e6", "12e6"},
      {"1.5e3", "1500"},
      {"15e2", "1500"},
      {"1.5E3", "1500"},
      {"10e3", "10e3"},
      {"100e-4", "10e-3"},
      {"1.2345", "1234500u"},
      {"0.000001", "1u"},
      {"5E", "5E"},
      {"1000E", "1e21"},  // past "E" decimal SI falls back to an exponent
      {"1k", "1k"},
      {"1000k", "1M"},
      {"1500k", "1500k"},
      {"0.1m", "100u"},
      {"0Ki", "0"},
      {"0e9", "0"},
      {"-0", "0"},
      {"0.0", "0"},
      {"-1000m", "-1"},
      {"-0.5", "-500m"},
      {"-1.5Gi", "-1536Mi"},
      {"-2048Ki", "-2Mi"},
      {"-1e3", "-1e3"},
      // Finer than a nano rounds away from zero.
      {"0.5n", "1n"},
      {"-0.5n", "-1n"},
      {"1.0000000001", "1000000001n"},
      {"1e-2000000000", "1e-9"},  // exponent family: 1n written as 1e-9
      // Beyond int64: kept exactly.
      {"18446744073709551616", "18446744073709551616"},
      {"123456789012345678901234567890", "123456789012345678901234567890"},
      {"1e2000000000", "100e1999999998"},
      // Binary is capped at 2^63-1, as upstream.
      {"8Ei", "9223372036854775807"},
      {"7Ei", "7Ei"},
      {"-8Ei", "-9223372036854775807"},
      // Upstream echoes text whose digits are already canonical, warts and all.
      {"+1", "+1"},
      {"+1Ki", "+1Ki"},
      {"1.500", "1.500"},
      {"1E3", "1E3"},
  };
  for (const Case& c : cases) {
    INFO(c.input);
    CHECK(Canonical(c.input) == c.canonical);
  }
}

TEST_CASE("Canonical strings parse back to themselves") {
  for (const char* text :
       {"1Gi", "300Mi", "6Ki",  "1001Gi", "1Ti",      "5",        "500m", "1G",   "1m",
        "80m", "1080m", "300M", "1T",     "1234567M", "1234567m", "3k",   "1025", "0",
        "1e9", "1e-3",  "1e-9", "80e-3",  "300e6",    "1e12",     "1e3",  "3e3",  "1n",
        "80n", "1080n", "1u",   "80u",    "1080u",    "-1Gi",     "-500m"}) {
    INFO(text);
    const Quantity q = MustParse(text);
    CHECK(q.ToString() == text);
    CHECK(MustParse(q.ToString()) == q);
  }
}

TEST_CASE("Parse remembers the format family") {
  CHECK(MustParse("1Ki").format() == Format::kBinarySI);
  CHECK(MustParse("1k").format() == Format::kDecimalSI);
  CHECK(MustParse("1").format() == Format::kDecimalSI);
  CHECK(MustParse("1e3").format() == Format::kDecimalExponent);
  CHECK(MustParse("1E3").format() == Format::kDecimalExponent);
  CHECK(MustParse("1E").format() == Format::kDecimalSI);
  CHECK(MustParse("0.5Ki").format() == Format::kBinarySI);
  // A binary value strictly between 0 and 1 turns decimal, as upstream.
  CHECK(MustParse("0.0001Ki").format() == Format::kDecimalSI);
  CHECK(MustParse("0Ki").format() == Format::kBinarySI);
}

TEST_CASE("Parse rejects what upstream rejects, with its messages") {
  const auto error = [](std::string_view text) {
    absl::StatusOr<Quantity> q = Quantity::Parse(text);
    INFO(text);
    REQUIRE_FALSE(q.ok());
    CHECK(q.status().code() == absl::StatusCode::kInvalidArgument);
    return std::string(q.status().message());
  };
  for (const char* text : {"",     "1.1.M", "1+1.0M",    "0.1am", "aoeu", "1KI",      "1KiB",
                           "1Zi",  "1Z",    "1\xc2\xb5", "1 Ki",  " 1",   "1 ",       "1e1.5",
                           "1e.5", "1e3k",  "1E3Ki",     "1e+-3", "1..5", "1,5",      "1_000",
                           "0x10", "1/2",   "Inf",       "+Inf",  "NaN",  "Infinity", "1\x01"}) {
    CHECK(error(text) == kFormatWrong);
  }
  for (const char* text :
       {"0.1mi", ".5i", "1i", "-3.01i", "1ki", "1K", "1e", "1e+", "1e-", "-3.01e-", "1-", "++1",
        "--1", "1ee3", "1Mi3", "1e99999999999999999999", "1e2147483648"}) {
    CHECK(error(text) == kSuffixError);
  }
  for (const char* text : {"Ei", "-Ei", ".Ei", "e-10"}) CHECK(error(text) == kNumericError);
}

TEST_CASE("Parse quirks kept from upstream") {
  // No digits at all is zero when upstream's fast path takes it.
  CHECK(MustParse("Ki").IsZero());
  CHECK(MustParse("m").IsZero());
  CHECK(MustParse("+").IsZero());
  CHECK(MustParse("-").IsZero());
  CHECK(MustParse(".").IsZero());
  CHECK(MustParse("1.").Value() == 1);
  CHECK(MustParse("1.G").Value() == 1000000000);
  CHECK(MustParse("1e2147483647").Sign() == 1);
  CHECK(MustParse("1e-2147483648").MilliValue() == 1);
}

TEST_CASE("Value and MilliValue round away from zero") {
  struct Case {
    const char* input;
    int64_t value;
    int64_t milli;
  };
  const Case cases[] = {
      {"0", 0, 0},
      {"1", 1, 1000},
      {"1500m", 2, 1500},
      {"-1500m", -2, -1500},
      {"1.1", 2, 1100},
      {"0.1m", 1, 1},
      {"-0.1m", -1, -1},
      {"1n", 1, 1},
      {"1.2345", 2, 1235},
      {"100m", 1, 100},
      {"1Ki", 1024, 1024000},
      {"1.5Gi", 1610612736, 1610612736000},
      {"1e3", 1000, 1000000},
      {"8Ei", std::numeric_limits<int64_t>::max(), std::numeric_limits<int64_t>::max()},
      {"9223372036854775807", std::numeric_limits<int64_t>::max(),
       std::numeric_limits<int64_t>::max()},
      {"-9223372036854775808", std::numeric_limits<int64_t>::min(),
       std::numeric_limits<int64_t>::min()},
      {"9223372036854775807m", 9223372036854776, std::numeric_limits<int64_t>::max()},
      {"1e30", std::numeric_limits<int64_t>::max(), std::numeric_limits<int64_t>::max()},
      {"-1e30", std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::min()},
  };
  for (const Case& c : cases) {
    INFO(c.input);
    const Quantity q = MustParse(c.input);
    CHECK(q.Value() == c.value);
    CHECK(q.MilliValue() == c.milli);
  }
}

TEST_CASE("ScaledValue between scales, as upstream's TestScaledValue") {
  const int32_t scales[] = {-9, -6, -3, 0};
  for (int32_t from : scales) {
    for (int32_t to : scales) {
      INFO(from << " -> " << to);
      const int64_t expected = from >= to ? static_cast<int64_t>(std::pow(10, from - to)) : 1;
      CHECK(Quantity::FromScaled(1, from).ScaledValue(to) == expected);
    }
  }
  CHECK(Quantity::FromScaled(1, 2).ScaledValue(-2) == 10000);
}

TEST_CASE("AsInt64 is exact or nothing") {
  CHECK(MustParse("1k").AsInt64() == 1000);
  CHECK(MustParse("-8").AsInt64() == -8);
  CHECK(MustParse("1000m").AsInt64() == 1);
  CHECK(MustParse("1500m").AsInt64() == std::nullopt);
  CHECK(MustParse("1n").AsInt64() == std::nullopt);
  CHECK(MustParse("1e30").AsInt64() == std::nullopt);
  CHECK(MustParse("-9223372036854775808").AsInt64() == std::numeric_limits<int64_t>::min());
  CHECK(MustParse("9223372036854775808").AsInt64() == std::nullopt);
  CHECK(Quantity().AsInt64() == 0);
}

TEST_CASE("Cmp is exact across formats and sizes") {
  struct Case {
    const char* a;
    const char* b;
    int cmp;
  };
  const Case cases[] = {
      {"1Ki", "1024", 0},
      {"1k", "1000", 0},
      {"1", "1000m", 0},
      {"1e3", "1k", 0},
      {"1m", "1n", 1},
      {"-1", "1", -1},
      {"0", "-0", 0},
      {"0", "0Ki", 0},
      {"-1m", "-1n", -1},
      {"1.5Gi", "1536Mi", 0},
      {"100m", "0.1", 0},
      {"1Gi", "1G", 1},
      {"18446744073709551616", "18446744073709551615", 1},
      {"1e2000000000", "8Ei", 1},
      {"1e-2000000000", "1n", 0},
      {"-1e2000000000", "-1e1999999999", -1},
  };
  for (const Case& c : cases) {
    INFO(c.a << " vs " << c.b);
    CHECK(MustParse(c.a).Cmp(MustParse(c.b)) == c.cmp);
    CHECK(MustParse(c.b).Cmp(MustParse(c.a)) == -c.cmp);
  }
  CHECK(MustParse("1Ki") == MustParse("1024"));
  CHECK(MustParse("1") < MustParse("1001m"));
  CHECK(MustParse("-1") < Quantity());
}

TEST_CASE("Add and Sub are exact and keep the receiver's format") {
  Quantity q = MustParse("1Gi");
  q.Add(MustParse("512Mi"));
  CHECK(q.ToString() == "1536Mi");
  q.Sub(MustParse("1536Mi"));
  CHECK(q.IsZero());
  CHECK(q.ToString() == "0");

  Quantity cpu = MustParse("100m");
  cpu.Add(MustParse("900m"));
  CHECK(cpu.ToString() == "1");
  cpu.Sub(MustParse("1500m"));
  CHECK(cpu.ToString() == "-500m");
  CHECK(cpu.MilliValue() == -500);

  // Upstream's TestAdd / TestSub.
  Quantity a = Quantity::FromInt64(10, Format::kDecimalSI);
  a.Add(Quantity::FromScaled(1, 1));
  CHECK(a == Quantity::FromInt64(20, Format::kDecimalSI));
  Quantity b = Quantity::FromInt64(10, Format::kBinarySI);
  b.Add(Quantity::FromInt64(1, Format::kDecimalSI));
  CHECK(b.format() == Format::kBinarySI);
  CHECK(b.ToString() == "11");
  Quantity c = Quantity::FromInt64(10, Format::kDecimalSI);
  c.Sub(Quantity::FromScaled(1, 1));
  CHECK(c.IsZero());
  Quantity d;
  d.Sub(Quantity::FromInt64(50, Format::kDecimalSI));
  CHECK(d.ToString() == "-50");

  // A zero receiver takes the other's format.
  Quantity zero;
  zero.Add(MustParse("1Ki"));
  CHECK(zero.format() == Format::kBinarySI);
  CHECK(zero.ToString() == "1Ki");

  // Arithmetic drops the echoed text.
  Quantity echoed = MustParse("+1");
  echoed.Add(Quantity());
  CHECK(echoed.ToString() == "1");

  // Beyond int64, still exact.
  Quantity big = MustParse("9223372036854775807");
  big.Add(MustParse("1"));
  CHECK(big.ToString() == "9223372036854775808");
  big.Add(MustParse("1n"));
  CHECK(big.ToString() == "9223372036854775808000000001n");

  // Operands too far apart to align: the smaller is dropped.
  Quantity huge = MustParse("1e20000");
  huge.Add(MustParse("1"));
  CHECK(huge == MustParse("1e20000"));
  Quantity tiny = MustParse("1");
  tiny.Sub(MustParse("1e20000"));
  CHECK(tiny == MustParse("-1e20000"));
}

TEST_CASE("Neg") {
  Quantity q = MustParse("9010m");
  q.Neg();
  CHECK(q.ToString() == "-9010m");
  q.Neg();
  CHECK(q.ToString() == "9010m");
  Quantity zero;
  zero.Neg();
  CHECK(zero.Sign() == 0);
  CHECK(zero.ToString() == "0");
}

TEST_CASE("Constructors, as upstream's TestNewSet and TestMilliNewSet") {
  CHECK(Quantity::FromInt64(1, Format::kDecimalSI).ToString() == "1");
  CHECK(Quantity::FromInt64(1000, Format::kDecimalSI).ToString() == "1k");
  CHECK(Quantity::FromInt64(1234000, Format::kDecimalSI).ToString() == "1234k");
  CHECK(Quantity::FromInt64(1024, Format::kBinarySI).ToString() == "1Ki");
  CHECK(Quantity::FromInt64(1000000, Format::kDecimalExponent).ToString() == "1e6");
  CHECK(Quantity::FromInt64(1024 * 1024, Format::kBinarySI).ToString() == "1Mi");
  CHECK(Quantity::FromInt64(std::numeric_limits<int64_t>::min(), Format::kDecimalSI).Value() ==
        std::numeric_limits<int64_t>::min());

  CHECK(Quantity::FromMilli(1, Format::kDecimalSI).ToString() == "1m");
  CHECK(Quantity::FromMilli(1000, Format::kDecimalSI).ToString() == "1");
  CHECK(Quantity::FromMilli(1234000, Format::kDecimalSI).ToString() == "1234");
  CHECK(Quantity::FromMilli(1024, Format::kBinarySI).ToString() == "1024m");
  CHECK(Quantity::FromMilli(1000000, Format::kDecimalExponent).ToString() == "1e3");
  CHECK(Quantity::FromMilli(1024 * 1024, Format::kBinarySI).ToString() == "1048576m");

  CHECK(Quantity::FromScaled(1, -9).ToString() == "1n");
  CHECK(Quantity::FromScaled(1000, -9).ToString() == "1u");
  CHECK(Quantity::FromScaled(1000, -6).ToString() == "1m");
  CHECK(Quantity::FromScaled(1000, -3).ToString() == "1");
  CHECK(Quantity::FromScaled(0, -9).ToString() == "0");
}

TEST_CASE("set_format rewrites in the new family") {
  Quantity q = MustParse("1Ki");
  q.set_format(Format::kDecimalSI);
  CHECK(q.ToString() == "1024");
  q.set_format(Format::kDecimalExponent);
  CHECK(q.ToString() == "1024");
  Quantity m = MustParse("1M");
  m.set_format(Format::kBinarySI);
  CHECK(m.ToString() == "1000000");
}

}  // namespace
}  // namespace kube::resource
