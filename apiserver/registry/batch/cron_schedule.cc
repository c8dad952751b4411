#include "apiserver/registry/batch/cron_schedule.h"

#include <cctype>
#include <filesystem>
#include <string>
#include <vector>

#include "common/util/strings.h"

namespace kube::apiserver {
namespace {

struct Bounds {
  unsigned min;
  unsigned max;
  const char* const* names;  // lower-case names for min, min+1, ... (nullptr: none)
};

constexpr const char* kMonthNames[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                       "jul", "aug", "sep", "oct", "nov", "dec", nullptr};
constexpr const char* kDayNames[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat", nullptr};

constexpr Bounds kMinutes{0, 59, nullptr};
constexpr Bounds kHours{0, 23, nullptr};
constexpr Bounds kDaysOfMonth{1, 31, nullptr};
constexpr Bounds kMonths{1, 12, kMonthNames};
constexpr Bounds kDaysOfWeek{0, 6, kDayNames};

absl::Status Error(std::string message) { return absl::InvalidArgumentError(message); }

std::vector<std::string> Split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t end = text.find(separator, start);
    parts.emplace_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

// strings.Fields: split on runs of white space.
std::vector<std::string> Fields(std::string_view text) {
  std::vector<std::string> fields;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    size_t start = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) fields.emplace_back(text.substr(start, i - start));
  }
  return fields;
}

// Go's strconv.Atoi error texts.
absl::StatusOr<int64_t> Atoi(const std::string& text) {
  size_t i = (!text.empty() && (text[0] == '+' || text[0] == '-')) ? 1 : 0;
  if (i == text.size()) {
    return Error(StrCat("strconv.Atoi: parsing \"", text, "\": invalid syntax"));
  }
  int64_t value = 0;
  bool overflow = false;
  for (; i < text.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) {
      return Error(StrCat("strconv.Atoi: parsing \"", text, "\": invalid syntax"));
    }
    if (value > (INT64_MAX - 9) / 10) overflow = true;
    if (!overflow) value = value * 10 + (text[i] - '0');
  }
  if (overflow) return Error(StrCat("strconv.Atoi: parsing \"", text, "\": value out of range"));
  return text[0] == '-' ? -value : value;
}

absl::StatusOr<unsigned> MustParseInt(const std::string& expr) {
  absl::StatusOr<int64_t> number = Atoi(expr);
  if (!number.ok()) {
    return Error(StrCat("failed to parse int from ", expr, ": ", number.status().message()));
  }
  if (*number < 0) return Error(StrCat("negative number (", *number, ") not allowed: ", expr));
  if (*number > UINT32_MAX) return static_cast<unsigned>(UINT32_MAX);
  return static_cast<unsigned>(*number);
}

absl::StatusOr<unsigned> ParseIntOrName(const std::string& expr, const Bounds& bounds) {
  if (bounds.names != nullptr) {
    std::string lower = expr;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (unsigned i = 0; bounds.names[i] != nullptr; ++i) {
      if (lower == bounds.names[i]) return bounds.min + i;
    }
  }
  return MustParseInt(expr);
}

uint64_t Bits(unsigned start, unsigned end, unsigned step) {
  if (step == 1) return ~(~uint64_t{0} << (end + 1)) & (~uint64_t{0} << start);
  uint64_t bits = 0;
  for (unsigned i = start; i <= end; i += step) bits |= uint64_t{1} << i;
  return bits;
}

// One comma-separated part of a field: "*", "5", "1-5", "*/15", "mon-fri/2".
absl::StatusOr<uint64_t> ParseRange(const std::string& expr, const Bounds& bounds) {
  std::vector<std::string> range_and_step = Split(expr, '/');
  std::vector<std::string> low_and_high = Split(range_and_step[0], '-');
  const bool single = low_and_high.size() == 1;
  unsigned start = 0;
  unsigned end = 0;
  unsigned step = 1;
  uint64_t extra = 0;
  if (low_and_high[0] == "*" || low_and_high[0] == "?") {
    start = bounds.min;
    end = bounds.max;
    extra = CronSchedule::kStarBit;
  } else {
    absl::StatusOr<unsigned> low = ParseIntOrName(low_and_high[0], bounds);
    if (!low.ok()) return low.status();
    start = end = *low;
    if (low_and_high.size() == 2) {
      absl::StatusOr<unsigned> high = ParseIntOrName(low_and_high[1], bounds);
      if (!high.ok()) return high.status();
      end = *high;
    } else if (low_and_high.size() > 2) {
      return Error(StrCat("too many hyphens: ", expr));
    }
  }
  if (range_and_step.size() == 2) {
    absl::StatusOr<unsigned> parsed = MustParseInt(range_and_step[1]);
    if (!parsed.ok()) return parsed.status();
    step = *parsed;
    if (single) end = bounds.max;  // "N/step" means "N-max/step"
    if (step > 1) extra = 0;
  } else if (range_and_step.size() > 2) {
    return Error(StrCat("too many slashes: ", expr));
  }
  if (start < bounds.min) {
    return Error(StrCat("beginning of range (", start, ") below minimum (", bounds.min, "): ", expr));
  }
  if (end > bounds.max) {
    return Error(StrCat("end of range (", end, ") above maximum (", bounds.max, "): ", expr));
  }
  if (start > end) {
    return Error(StrCat("beginning of range (", start, ") beyond end of range (", end, "): ", expr));
  }
  if (step == 0) return Error(StrCat("step of range should be a positive number: ", expr));
  return Bits(start, end, step) | extra;
}

absl::StatusOr<uint64_t> ParseField(const std::string& field, const Bounds& bounds) {
  uint64_t bits = 0;
  for (const std::string& part : Split(field, ',')) {
    if (part.empty()) continue;  // strings.FieldsFunc drops empty parts
    absl::StatusOr<uint64_t> range = ParseRange(part, bounds);
    if (!range.ok()) return range.status();
    bits |= *range;
  }
  return bits;
}

// Go's time.ParseDuration, enough to validate "@every" (seconds precision).
absl::StatusOr<int64_t> ParseDurationSeconds(std::string_view text) {
  const std::string original(text);
  auto invalid = [&] { return Error(StrCat("time: invalid duration \"", original, "\"")); };
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) text.remove_prefix(1);
  if (text == "0") return 0;
  if (text.empty()) return invalid();
  double total = 0;
  while (!text.empty()) {
    size_t i = 0;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
    if (i == 0 || text.substr(0, i) == ".") return invalid();
    double number = std::stod(std::string(text.substr(0, i)));
    text.remove_prefix(i);
    size_t u = 0;
    while (u < text.size() && text[u] != '.' && !std::isdigit(static_cast<unsigned char>(text[u]))) ++u;
    if (u == 0) return Error(StrCat("time: missing unit in duration \"", original, "\""));
    std::string unit(text.substr(0, u));
    text.remove_prefix(u);
    double scale;
    if (unit == "ns") scale = 1e-9;
    else if (unit == "us" || unit == "\xC2\xB5s" || unit == "\xCE\xBCs") scale = 1e-6;
    else if (unit == "ms") scale = 1e-3;
    else if (unit == "s") scale = 1;
    else if (unit == "m") scale = 60;
    else if (unit == "h") scale = 3600;
    else return Error(StrCat("time: unknown unit \"", unit, "\" in duration \"", original, "\""));
    total += number * scale;
  }
  return static_cast<int64_t>(total);
}

absl::StatusOr<CronSchedule> ParseDescriptor(std::string_view descriptor) {
  CronSchedule schedule;
  auto at = [&](uint64_t minute, uint64_t hour, uint64_t dom, uint64_t month, uint64_t dow) {
    schedule.minute = minute;
    schedule.hour = hour;
    schedule.day_of_month = dom;
    schedule.month = month;
    schedule.day_of_week = dow;
    return schedule;
  };
  const uint64_t all_dom = Bits(1, 31, 1) | CronSchedule::kStarBit;
  const uint64_t all_month = Bits(1, 12, 1) | CronSchedule::kStarBit;
  const uint64_t all_dow = Bits(0, 6, 1) | CronSchedule::kStarBit;
  const uint64_t all_hour = Bits(0, 23, 1) | CronSchedule::kStarBit;
  if (descriptor == "@yearly" || descriptor == "@annually") return at(1, 1, 1 << 1, 1 << 1, all_dow);
  if (descriptor == "@monthly") return at(1, 1, 1 << 1, all_month, all_dow);
  if (descriptor == "@weekly") return at(1, 1, all_dom, all_month, 1);
  if (descriptor == "@daily" || descriptor == "@midnight") return at(1, 1, all_dom, all_month, all_dow);
  if (descriptor == "@hourly") return at(1, all_hour, all_dom, all_month, all_dow);
  constexpr std::string_view kEvery = "@every ";
  if (descriptor.substr(0, kEvery.size()) == kEvery) {
    absl::StatusOr<int64_t> seconds = ParseDurationSeconds(descriptor.substr(kEvery.size()));
    if (!seconds.ok()) {
      return Error(StrCat("failed to parse duration ", descriptor, ": ", seconds.status().message()));
    }
    // robfig rounds an @every interval below a second up to one second.
    schedule.every_seconds = *seconds < 1 ? 1 : *seconds;
    return schedule;
  }
  return Error(StrCat("unrecognized descriptor: ", descriptor));
}

}  // namespace

bool IsKnownTimeZone(std::string_view name) {
  if (name == "UTC" || name.empty()) return true;
  if (name == "Local") return true;
  if (name.find("..") != std::string_view::npos || name.front() == '/') return false;
  std::error_code ignored;
  const std::filesystem::path zoneinfo("/usr/share/zoneinfo");
  return std::filesystem::is_regular_file(zoneinfo / std::string(name), ignored);
}

absl::StatusOr<CronSchedule> ParseStandardSchedule(std::string_view spec) {
  if (spec.empty()) return Error("empty spec string");
  std::string_view time_zone;
  if (spec.substr(0, 3) == "TZ=" || spec.substr(0, 8) == "CRON_TZ=") {
    size_t space = spec.find(' ');
    size_t equals = spec.find('=');
    time_zone = spec.substr(equals + 1, space == std::string_view::npos ? space : space - equals - 1);
    if (space == std::string_view::npos || !IsKnownTimeZone(time_zone)) {
      return Error(StrCat("provided bad location ", time_zone, ": unknown time zone ", time_zone));
    }
    spec.remove_prefix(space);
    while (!spec.empty() && std::isspace(static_cast<unsigned char>(spec.front()))) spec.remove_prefix(1);
    while (!spec.empty() && std::isspace(static_cast<unsigned char>(spec.back()))) spec.remove_suffix(1);
  }
  if (!spec.empty() && spec.front() == '@') {
    absl::StatusOr<CronSchedule> schedule = ParseDescriptor(spec);
    if (schedule.ok()) schedule->time_zone = time_zone;
    return schedule;
  }
  std::vector<std::string> fields = Fields(spec);
  if (fields.size() != 5) {
    return Error(StrCat("expected exactly 5 fields, found ", fields.size(), ": [",
                        StrJoin(fields, " "), "]"));
  }
  CronSchedule schedule;
  schedule.time_zone = time_zone;
  const Bounds* bounds[] = {&kMinutes, &kHours, &kDaysOfMonth, &kMonths, &kDaysOfWeek};
  uint64_t* targets[] = {&schedule.minute, &schedule.hour, &schedule.day_of_month,
                         &schedule.month, &schedule.day_of_week};
  for (int i = 0; i < 5; ++i) {
    absl::StatusOr<uint64_t> bits = ParseField(fields[i], *bounds[i]);
    if (!bits.ok()) return bits.status();
    *targets[i] = *bits;
  }
  return schedule;
}

}  // namespace kube::apiserver
