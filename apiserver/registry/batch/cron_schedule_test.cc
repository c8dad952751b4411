#include <catch2/catch.hpp>

#include "apiserver/registry/batch/cron_schedule.h"

namespace kube::apiserver {
namespace {

std::string ErrorOf(std::string_view spec) {
  absl::StatusOr<CronSchedule> parsed = ParseStandardSchedule(spec);
  return parsed.ok() ? "" : std::string(parsed.status().message());
}

TEST_CASE("valid schedules parse") {
  for (const char* spec : {"*/5 * * * *", "0 0 * * *", "15 3 1 jan-mar MON-fri", "0 9-17/2 * * 1,3,5",
                           "? ? ? ? ?", "@hourly", "@daily", "@every 1h30m", "0 0 1 */2 sun",
                           "  5  4 * * *  "}) {
    INFO(spec);
    CHECK(ErrorOf(spec).empty());
  }
  absl::StatusOr<CronSchedule> parsed = ParseStandardSchedule("*/15 2 * * *");
  REQUIRE(parsed.ok());
  CHECK(parsed->minute == ((1ull << 0) | (1ull << 15) | (1ull << 30) | (1ull << 45)));
  CHECK(parsed->hour == (1ull << 2));
  CHECK((parsed->day_of_month & CronSchedule::kStarBit) != 0);
  CHECK(ParseStandardSchedule("@every 90s")->every_seconds == 90);
}

TEST_CASE("invalid schedules report robfig/cron's messages") {
  CHECK(ErrorOf("") == "empty spec string");
  CHECK(ErrorOf("foo") == "expected exactly 5 fields, found 1: [foo]");
  CHECK(ErrorOf("* * * *") == "expected exactly 5 fields, found 4: [* * * *]");
  CHECK(ErrorOf("60 * * * *") == "end of range (60) above maximum (59): 60");
  CHECK(ErrorOf("* * 0 * *") == "beginning of range (0) below minimum (1): 0");
  CHECK(ErrorOf("5-2 * * * *") == "beginning of range (5) beyond end of range (2): 5-2");
  CHECK(ErrorOf("*/0 * * * *") == "step of range should be a positive number: */0");
  CHECK(ErrorOf("x * * * *") ==
        "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax");
  CHECK(ErrorOf("-1 * * * *") ==
        "failed to parse int from : strconv.Atoi: parsing \"\": invalid syntax");
  CHECK(ErrorOf("1-2-3 * * * *") == "too many hyphens: 1-2-3");
  CHECK(ErrorOf("*/2/3 * * * *") == "too many slashes: */2/3");
  CHECK(ErrorOf("* * * * 7") == "end of range (7) above maximum (6): 7");
  CHECK(ErrorOf("@fortnightly") == "unrecognized descriptor: @fortnightly");
  CHECK(ErrorOf("@every 5") ==
        "failed to parse duration @every 5: time: missing unit in duration \"5\"");
  CHECK(ErrorOf("@every 5q") ==
        "failed to parse duration @every 5q: time: unknown unit \"q\" in duration \"5q\"");
}

TEST_CASE("time zone prefix") {
  CHECK(ErrorOf("TZ=UTC 0 * * * *").empty());
  CHECK(ErrorOf("CRON_TZ=Nowhere/Special 0 * * * *") ==
        "provided bad location Nowhere/Special: unknown time zone Nowhere/Special");
}

}  // namespace
}  // namespace kube::apiserver
