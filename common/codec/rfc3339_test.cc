#include "common/codec/rfc3339.h"

#include <catch2/catch.hpp>

namespace kube::codec {
namespace {

TEST_CASE("FormatRfc3339 writes UTC with the requested fraction", "[rfc3339]") {
  CHECK(FormatRfc3339({1136214245, 0}) == "2006-01-02T15:04:05Z");
  CHECK(FormatRfc3339({1136214245, 999999999}) == "2006-01-02T15:04:05Z");
  CHECK(FormatRfc3339({1136214245, 123456789}, 6) == "2006-01-02T15:04:05.123456Z");
  CHECK(FormatRfc3339({0, 0}, 6) == "1970-01-01T00:00:00.000000Z");
  CHECK(FormatRfc3339({-1, 0}) == "1969-12-31T23:59:59Z");
  CHECK(FormatRfc3339({253402300799, 0}) == "9999-12-31T23:59:59Z");
}

TEST_CASE("ParseRfc3339 accepts offsets and fractions", "[rfc3339]") {
  auto parse = [](std::string_view text) {
    absl::StatusOr<UnixTime> t = ParseRfc3339(text);
    REQUIRE(t.ok());
    return *t;
  };
  CHECK(parse("2006-01-02T15:04:05Z").seconds == 1136214245);
  CHECK(parse("2006-01-02t15:04:05z").seconds == 1136214245);
  CHECK(parse("2006-01-02T08:04:05-07:00").seconds == 1136214245);
  CHECK(parse("2006-01-03T00:34:05+09:30").seconds == 1136214245);
  UnixTime t = parse("2006-01-02T15:04:05.000001234567Z");
  CHECK(t.seconds == 1136214245);
  CHECK(t.nanos == 1234);
  CHECK(parse("1969-12-31T23:59:59.5Z").seconds == -1);
  CHECK(parse("2000-02-29T00:00:00Z").seconds == 951782400);
}

TEST_CASE("ParseRfc3339 rejects malformed times", "[rfc3339]") {
  for (std::string_view bad :
       {"", "2006-01-02", "2006-01-02 15:04:05Z", "2006-01-02T15:04:05", "2006-1-02T15:04:05Z",
        "2006-13-02T15:04:05Z", "2006-02-29T15:04:05Z", "2006-01-02T24:00:00Z",
        "2006-01-02T15:60:00Z", "2006-01-02T15:04:60Z", "2006-01-02T15:04:05.Z",
        "2006-01-02T15:04:05+0700", "2006-01-02T15:04:05+24:00", "2006-01-02T15:04:05Zx",
        "2006-01-02T15:04:05UTC", "２００６-01-02T15:04:05Z"}) {
    INFO(bad);
    CHECK_FALSE(ParseRfc3339(bad).ok());
  }
}

TEST_CASE("Times round-trip", "[rfc3339]") {
  for (int64_t seconds : {int64_t{0}, int64_t{1}, int64_t{951782400}, int64_t{4102444800},
                          int64_t{-62135596800}}) {
    absl::StatusOr<UnixTime> back = ParseRfc3339(FormatRfc3339({seconds, 123000}, 9));
    REQUIRE(back.ok());
    CHECK(back->seconds == seconds);
    CHECK(back->nanos == 123000);
  }
}

}  // namespace
}  // namespace kube::codec
