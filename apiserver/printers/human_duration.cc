#include "apiserver/printers/human_duration.h"

#include <cstdint>

#include "absl/strings/str_cat.h"

namespace kube::apiserver {

std::string HumanDuration(absl::Duration d) {
  // Whole units truncate toward zero, as Go's integer conversions do.
  const int64_t seconds = absl::ToInt64Seconds(d);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60 * 2) return absl::StrCat(seconds, "s");

  const int64_t minutes = absl::ToInt64Minutes(d);
  if (minutes < 10) {
    const int64_t s = seconds % 60;
    return s == 0 ? absl::StrCat(minutes, "m") : absl::StrCat(minutes, "m", s, "s");
  }
  if (minutes < 60 * 3) return absl::StrCat(minutes, "m");

  const int64_t hours = absl::ToInt64Hours(d);
  if (hours < 8) {
    const int64_t m = minutes % 60;
    return m == 0 ? absl::StrCat(hours, "h") : absl::StrCat(hours, "h", m, "m");
  }
  if (hours < 48) return absl::StrCat(hours, "h");
  if (hours < 24 * 8) {
    const int64_t h = hours % 24;
    return h == 0 ? absl::StrCat(hours / 24, "d") : absl::StrCat(hours / 24, "d", h, "h");
  }
  if (hours < 24 * 365 * 2) return absl::StrCat(hours / 24, "d");
  if (hours < 24 * 365 * 8) {
    const int64_t days = (hours / 24) % 365;
    return days == 0 ? absl::StrCat(hours / 24 / 365, "y")
                     : absl::StrCat(hours / 24 / 365, "y", days, "d");
  }
  return absl::StrCat(hours / 24 / 365, "y");
}

std::string ShortHumanDuration(absl::Duration d) {
  const int64_t seconds = absl::ToInt64Seconds(d);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60) return absl::StrCat(seconds, "s");
  if (const int64_t minutes = absl::ToInt64Minutes(d); minutes < 60) {
    return absl::StrCat(minutes, "m");
  }
  const int64_t hours = absl::ToInt64Hours(d);
  if (hours < 24) return absl::StrCat(hours, "h");
  if (hours < 24 * 365) return absl::StrCat(hours / 24, "d");
  return absl::StrCat(hours / 24 / 365, "y");
}

absl::Time ToAbslTime(const k8s::meta::v1::Time& time) {
  return absl::FromUnixSeconds(time.seconds()) + absl::Nanoseconds(time.nanos());
}

absl::Time ToAbslTime(const k8s::meta::v1::MicroTime& time) {
  return absl::FromUnixSeconds(time.seconds()) + absl::Nanoseconds(time.nanos());
}

bool IsZeroTime(const k8s::meta::v1::Time& time) {
  return time.seconds() == 0 && time.nanos() == 0;
}

bool IsZeroTime(const k8s::meta::v1::MicroTime& time) {
  return time.seconds() == 0 && time.nanos() == 0;
}

std::string TimestampSince(const k8s::meta::v1::Time& time, absl::Time now) {
  if (IsZeroTime(time)) return "<unknown>";
  return HumanDuration(now - ToAbslTime(time));
}

std::string TimestampSince(const k8s::meta::v1::MicroTime& time, absl::Time now) {
  if (IsZeroTime(time)) return "<unknown>";
  return HumanDuration(now - ToAbslTime(time));
}

}  // namespace kube::apiserver
