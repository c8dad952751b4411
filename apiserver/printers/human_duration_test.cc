#include "apiserver/printers/human_duration.h"

#include <catch2/catch.hpp>

namespace kube::apiserver {
namespace {

TEST_CASE("HumanDuration follows upstream's thresholds", "[printers]") {
  struct Case {
    absl::Duration d;
    const char* want;
  };
  const Case cases[] = {
      {absl::Seconds(-3), "<invalid>"},
      {absl::Seconds(-2), "<invalid>"},
      {absl::Milliseconds(-1999), "0s"},
      {absl::Seconds(-1), "0s"},
      {absl::ZeroDuration(), "0s"},
      {absl::Milliseconds(1500), "1s"},
      {absl::Seconds(59), "59s"},
      {absl::Seconds(119), "119s"},
      {absl::Seconds(120), "2m"},
      {absl::Seconds(150), "2m30s"},
      {absl::Seconds(599), "9m59s"},
      {absl::Minutes(10), "10m"},
      {absl::Minutes(10) + absl::Seconds(30), "10m"},
      {absl::Minutes(179), "179m"},
      {absl::Hours(3), "3h"},
      {absl::Hours(3) + absl::Minutes(20), "3h20m"},
      {absl::Hours(7) + absl::Minutes(59), "7h59m"},
      {absl::Hours(8) + absl::Minutes(30), "8h"},
      {absl::Hours(47), "47h"},
      {absl::Hours(48), "2d"},
      {absl::Hours(53), "2d5h"},
      {absl::Hours(24 * 8 - 1), "7d23h"},
      {absl::Hours(24 * 8), "8d"},
      {absl::Hours(24 * 400), "400d"},
      {absl::Hours(24 * 729), "729d"},
      {absl::Hours(24 * 730), "2y"},
      {absl::Hours(24 * (365 * 3 + 20)), "3y20d"},
      {absl::Hours(24 * 365 * 8), "8y"},
      {absl::Hours(24 * (365 * 10 + 100)), "10y"},
  };
  for (const Case& c : cases) {
    INFO(absl::FormatDuration(c.d));
    CHECK(HumanDuration(c.d) == c.want);
  }
}

TEST_CASE("ShortHumanDuration keeps one unit, as upstream", "[printers]") {
  struct Case {
    absl::Duration d;
    const char* want;
  };
  const Case cases[] = {
      {absl::Seconds(-2), "<invalid>"},
      {absl::Milliseconds(-1999), "0s"},
      {absl::ZeroDuration(), "0s"},
      {absl::Seconds(59), "59s"},
      {absl::Seconds(119), "1m"},
      {absl::Minutes(59) + absl::Seconds(59), "59m"},
      {absl::Hours(5) + absl::Minutes(30), "5h"},
      {absl::Hours(23), "23h"},
      {absl::Hours(53), "2d"},
      {absl::Hours(24 * 364), "364d"},
      {absl::Hours(24 * 365), "1y"},
      {absl::Hours(24 * (365 * 3 + 20)), "3y"},
  };
  for (const Case& c : cases) {
    INFO(absl::FormatDuration(c.d));
    CHECK(ShortHumanDuration(c.d) == c.want);
  }
}

TEST_CASE("TimestampSince prints <unknown> for the zero time", "[printers]") {
  const absl::Time now = absl::FromUnixSeconds(1'700'000'000);
  k8s::meta::v1::Time zero;
  CHECK(TimestampSince(zero, now) == "<unknown>");
  k8s::meta::v1::MicroTime zero_micro;
  CHECK(TimestampSince(zero_micro, now) == "<unknown>");

  k8s::meta::v1::Time created;
  created.set_seconds(1'700'000'000 - 330);
  CHECK(TimestampSince(created, now) == "5m30s");
  k8s::meta::v1::MicroTime micro;
  micro.set_seconds(1'700'000'000 - 3);
  micro.set_nanos(500'000'000);
  CHECK(TimestampSince(micro, now) == "2s");
}

}  // namespace
}  // namespace kube::apiserver
