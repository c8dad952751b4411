#pragma once

#include <cstdint>
#include <string_view>

#include "absl/status/statusor.h"

namespace kube::apiserver {

// A parsed CronJob schedule, as robfig/cron v3's ParseStandard (the parser
// upstream validates spec.schedule with) reads it: five fields (minute hour
// day-of-month month day-of-week, with names, ranges, steps, '*' and '?'), a
// descriptor (@hourly, @daily, @every 5m, ...), and an optional TZ=/CRON_TZ=
// prefix. Each field is a bit set of the values it allows; bit 63 marks a '*'.
struct CronSchedule {
  static constexpr uint64_t kStarBit = uint64_t{1} << 63;

  uint64_t minute = 0;
  uint64_t hour = 0;
  uint64_t day_of_month = 0;
  uint64_t month = 0;
  uint64_t day_of_week = 0;
  int64_t every_seconds = 0;  // "@every <duration>": non-zero, and the fields unused
  std::string_view time_zone;  // from a TZ=/CRON_TZ= prefix (a view into the spec)
};

// Parses `spec`; InvalidArgument carries robfig/cron's message, which upstream
// puts verbatim in the field error, e.g. "expected exactly 5 fields, found 1: [x]"
// or "end of range (60) above maximum (59): 60".
absl::StatusOr<CronSchedule> ParseStandardSchedule(std::string_view spec);

// Whether a time zone name is known (as Go's time.LoadLocation, against the
// system's zoneinfo).
bool IsKnownTimeZone(std::string_view name);

}  // namespace kube::apiserver
