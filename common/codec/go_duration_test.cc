#include "common/codec/go_duration.h"

#include <catch2/catch.hpp>
#include <limits>

namespace kube::codec {
namespace {

constexpr int64_t kSecond = 1'000'000'000;

TEST_CASE("FormatGoDuration matches Go's Duration.String", "[duration]") {
  CHECK(FormatGoDuration(0) == "0s");
  CHECK(FormatGoDuration(1) == "1ns");
  CHECK(FormatGoDuration(1100) == "1.1\u00b5s");
  CHECK(FormatGoDuration(2200000) == "2.2ms");
  CHECK(FormatGoDuration(3300000000) == "3.3s");
  CHECK(FormatGoDuration(4 * 60 * kSecond + 5 * kSecond) == "4m5s");
  CHECK(FormatGoDuration(4 * 60 * kSecond + 5001 * kSecond / 1000) == "4m5.001s");
  CHECK(FormatGoDuration(5 * 3600 * kSecond + 6 * 60 * kSecond + 7001 * kSecond / 1000) ==
        "5h6m7.001s");
  CHECK(FormatGoDuration(8 * 60 * kSecond + 1) == "8m0.000000001s");
  CHECK(FormatGoDuration(3600 * kSecond) == "1h0m0s");
  CHECK(FormatGoDuration(-1500 * 1000 * 1000) == "-1.5s");
  CHECK(FormatGoDuration(std::numeric_limits<int64_t>::max()) == "2562047h47m16.854775807s");
  CHECK(FormatGoDuration(std::numeric_limits<int64_t>::min()) == "-2562047h47m16.854775808s");
}

TEST_CASE("ParseGoDuration matches Go's time.ParseDuration", "[duration]") {
  auto parse = [](std::string_view text) {
    absl::StatusOr<int64_t> d = ParseGoDuration(text);
    INFO(text);
    REQUIRE(d.ok());
    return *d;
  };
  CHECK(parse("0") == 0);
  CHECK(parse("-0") == 0);
  CHECK(parse("5s") == 5 * kSecond);
  CHECK(parse("+5s") == 5 * kSecond);
  CHECK(parse("1h30m") == 5400 * kSecond);
  CHECK(parse("1.5h") == 5400 * kSecond);
  CHECK(parse(".5s") == kSecond / 2);
  CHECK(parse("1.s") == kSecond);
  CHECK(parse("100ms") == kSecond / 10);
  CHECK(parse("10us") == 10000);
  CHECK(parse("10\u00b5s") == 10000);
  CHECK(parse("10\u03bcs") == 10000);
  CHECK(parse("3ns") == 3);
  CHECK(parse("1h2m3.5s") == 3723500000000);
  CHECK(parse("-1m1s") == -61 * kSecond);
  CHECK(parse("9223372036854775807ns") == std::numeric_limits<int64_t>::max());
  CHECK(parse("-9223372036854775808ns") == std::numeric_limits<int64_t>::min());
  CHECK(parse("0.100000000000000000000h") == 360 * kSecond);
}

TEST_CASE("ParseGoDuration rejects what Go rejects", "[duration]") {
  for (std::string_view bad : {"", "3", "-", "s", ".s", "1x", "1.5", "1h 2m", "9223372036854775808ns",
                               "3000000h", "1e3s", "1s-2s"}) {
    INFO(bad);
    CHECK_FALSE(ParseGoDuration(bad).ok());
  }
}

TEST_CASE("Durations round-trip", "[duration]") {
  for (int64_t d : {int64_t{1}, int64_t{999}, int64_t{1001}, int64_t{123456789},
                    int64_t{-3723500000000}, std::numeric_limits<int64_t>::max(),
                    std::numeric_limits<int64_t>::min()}) {
    absl::StatusOr<int64_t> back = ParseGoDuration(FormatGoDuration(d));
    REQUIRE(back.ok());
    CHECK(*back == d);
  }
}

}  // namespace
}  // namespace kube::codec
