#include "common/codec/rfc3339.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/codec/absl_view.h"

namespace kube::codec {
namespace {

constexpr int64_t kNanosPerSecond = 1'000'000'000;

// Reads exactly `count` digits at `pos`; false if any is not a digit.
bool ReadDigits(std::string_view text, size_t& pos, int count, int& value) {
  if (pos + count > text.size()) return false;
  value = 0;
  for (int i = 0; i < count; ++i) {
    char c = text[pos + i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  pos += count;
  return true;
}

bool Expect(std::string_view text, size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

int DaysIn(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

std::string FormatRfc3339(UnixTime time, int fraction_digits) {
  int64_t seconds = time.seconds + time.nanos / kNanosPerSecond;
  int64_t nanos = time.nanos % kNanosPerSecond;
  if (nanos < 0) {
    nanos += kNanosPerSecond;
    --seconds;
  }
  absl::CivilSecond civil =
      absl::ToCivilSecond(absl::FromUnixSeconds(seconds), absl::UTCTimeZone());
  if (fraction_digits > 9) fraction_digits = 9;
  std::string out;
  if (civil.year() >= 0 && civil.year() <= 9999) {
    // The usual case without StrFormat, which costs several times more.
    char text[] = "0000-00-00T00:00:00.000000000";
    auto put = [&](int at, int64_t value, int digits) {
      for (int i = at + digits - 1; i >= at; --i, value /= 10) {
        text[i] = static_cast<char>('0' + value % 10);
      }
    };
    put(0, civil.year(), 4);
    put(5, civil.month(), 2);
    put(8, civil.day(), 2);
    put(11, civil.hour(), 2);
    put(14, civil.minute(), 2);
    put(17, civil.second(), 2);
    put(20, nanos, 9);
    out.assign(text, fraction_digits > 0 ? 20 + fraction_digits : 19);
  } else {
    out = absl::StrFormat("%04d-%02d-%02dT%02d:%02d:%02d", civil.year(), civil.month(),
                          civil.day(), civil.hour(), civil.minute(), civil.second());
    if (fraction_digits > 0) {
      std::string fraction = absl::StrFormat("%09d", nanos);
      absl::StrAppend(&out, ".", fraction.substr(0, fraction_digits));
    }
  }
  out += 'Z';
  return out;
}

absl::StatusOr<UnixTime> ParseRfc3339(std::string_view text) {
  auto bad = [&](std::string_view why) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid RFC 3339 time \"", internal::AbslView(text), "\": ", internal::AbslView(why)));
  };
  size_t pos = 0;
  int year, month, day, hour, minute, second;
  if (!ReadDigits(text, pos, 4, year) || !Expect(text, pos, '-') ||
      !ReadDigits(text, pos, 2, month) || !Expect(text, pos, '-') ||
      !ReadDigits(text, pos, 2, day)) {
    return bad("want YYYY-MM-DD");
  }
  if (pos >= text.size() || (text[pos] != 'T' && text[pos] != 't')) return bad("want T");
  ++pos;
  if (!ReadDigits(text, pos, 2, hour) || !Expect(text, pos, ':') ||
      !ReadDigits(text, pos, 2, minute) || !Expect(text, pos, ':') ||
      !ReadDigits(text, pos, 2, second)) {
    return bad("want hh:mm:ss");
  }
  if (month < 1 || month > 12) return bad("month out of range");
  if (day < 1 || day > DaysIn(year, month)) return bad("day out of range");
  if (hour > 23 || minute > 59 || second > 59) return bad("clock out of range");

  int64_t nanos = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (digits < 9) nanos = nanos * 10 + (text[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return bad("empty fraction");
    for (int i = digits; i < 9; ++i) nanos *= 10;
  }

  int64_t offset = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int sign = text[pos] == '-' ? -1 : 1;
    ++pos;
    int off_hour, off_minute;
    if (!ReadDigits(text, pos, 2, off_hour) || !Expect(text, pos, ':') ||
        !ReadDigits(text, pos, 2, off_minute)) {
      return bad("want a +hh:mm offset");
    }
    if (off_hour > 23 || off_minute > 59) return bad("offset out of range");
    offset = sign * (off_hour * 3600 + off_minute * 60);
  } else {
    return bad("want Z or an offset");
  }
  if (pos != text.size()) return bad("trailing characters");

  absl::Time t = absl::FromCivil(absl::CivilSecond(year, month, day, hour, minute, second),
                                 absl::UTCTimeZone());
  return UnixTime{absl::ToUnixSeconds(t) - offset, static_cast<int32_t>(nanos)};
}

}  // namespace kube::codec
