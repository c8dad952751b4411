#include "apiserver/customresource/schema/formats.h"

#include <arpa/inet.h>

#include <array>
#include <string>

#include "absl/strings/ascii.h"
#include "apiserver/customresource/schema/schema_node.h"
#include "re2/re2.h"

namespace kube::apiserver::crd_schema {
namespace {

std::string Normalize(std::string_view format) {
  std::string name;
  for (char c : format) {
    if (c != '-') name.push_back(c);
  }
  return name;
}

constexpr std::array<std::string_view, 24> kStringFormats = {
    "bsonobjectid", "uri",    "email",    "hostname",   "ipv4",     "ipv6",
    "cidr",         "mac",    "uuid",     "uuid3",      "uuid4",    "uuid5",
    "isbn",         "isbn10", "isbn13",   "creditcard", "ssn",      "hexcolor",
    "rgbcolor",     "byte",   "password", "date",       "duration", "datetime"};

bool FullMatch(std::string_view value, const RE2& regex) {
  return RE2::FullMatch(re2::StringPiece(value.data(), value.size()), regex);
}

bool IsDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!absl::ascii_isdigit(c)) return false;
  }
  return true;
}

int ToInt(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

// time.Parse("2006-01-02", value).
bool IsDate(std::string_view value) {
  if (value.size() != 10 || value[4] != '-' || value[7] != '-') return false;
  std::string_view year = value.substr(0, 4), month = value.substr(5, 2), day = value.substr(8, 2);
  if (!IsDigits(year) || !IsDigits(month) || !IsDigits(day)) return false;
  int y = ToInt(year), m = ToInt(month), d = ToInt(day);
  if (m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

// strfmt.IsDateTime: a date, a "t", and a time matched on the lowercased text.
bool IsDateTime(std::string_view value) {
  if (value.size() < 4) return false;
  std::string lower = absl::AsciiStrToLower(std::string(value));
  size_t t = lower.find('t');
  if (t == std::string::npos || !IsDate(std::string_view(lower).substr(0, t))) return false;
  size_t next = lower.find('t', t + 1);
  std::string_view time = std::string_view(lower).substr(
      t + 1, next == std::string::npos ? std::string::npos : next - t - 1);
  static const RE2 kTime("([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))");
  std::string hour, minute, second;
  if (!RE2::FullMatch(re2::StringPiece(time.data(), time.size()), kTime, &hour, &minute, &second)) {
    return false;
  }
  return hour <= "23" && minute <= "59" && second <= "59";
}

bool IsHostname(std::string_view value) {
  // strfmt's HostnamePattern with its counted repetitions unbounded (bounded, its
  // Unicode classes make a program too large for RE2's DFA); the length checks below
  // bound labels as IsHostname does.
  static const RE2 kHostname(
      "([a-zA-Z0-9\\p{S}\\p{L}]((-?[a-zA-Z0-9\\p{S}\\p{L}]*)?)|([a-zA-Z0-9\\p{S}\\p{L}]"
      "(([a-zA-Z0-9-\\p{S}\\p{L}]*[a-zA-Z0-9\\p{S}\\p{L}])?)(\\.))+([a-zA-Z\\p{L}]){2,})");
  if (!FullMatch(value, kHostname) || value.size() > 255) return false;
  size_t start = 0;
  while (start <= value.size()) {
    size_t dot = value.find('.', start);
    size_t end = dot == std::string_view::npos ? value.size() : dot;
    if (end - start > 63) return false;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return true;
}

bool IsIPv4Sloppy(std::string_view value) {
  // netutils.ParseIPSloppy accepts leading zeros; the text must contain a dot.
  static const RE2 kIPv4("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  std::string a, b, c, d;
  if (RE2::FullMatch(re2::StringPiece(value.data(), value.size()), kIPv4, &a, &b, &c, &d)) {
    return ToInt(a) < 256 && ToInt(b) < 256 && ToInt(c) < 256 && ToInt(d) < 256;
  }
  return false;
}

bool IsIPv6(std::string_view value) {
  in6_addr address;
  return value.find(':') != std::string_view::npos &&
         inet_pton(AF_INET6, std::string(value).c_str(), &address) == 1;
}

bool IsCidr(std::string_view value) {
  size_t slash = value.find('/');
  if (slash == std::string_view::npos) return false;
  std::string_view address = value.substr(0, slash), prefix = value.substr(slash + 1);
  if (!IsDigits(prefix) || prefix.size() > 3) return false;
  if (IsIPv4Sloppy(address)) return ToInt(prefix) <= 32;
  return IsIPv6(address) && ToInt(prefix) <= 128;
}

// net.ParseMAC: 6, 8 or 20 octets as xx:xx.., xx-xx.. or xxxx.xxxx...
bool IsMac(std::string_view value) {
  static const RE2 kColon(
      "[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){7}"
      "|[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){19}");
  static const RE2 kDash(
      "[0-9A-Fa-f]{2}(-[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{2}(-[0-9A-Fa-f]{2}){7}"
      "|[0-9A-Fa-f]{2}(-[0-9A-Fa-f]{2}){19}");
  static const RE2 kDot(
      "[0-9A-Fa-f]{4}(\\.[0-9A-Fa-f]{4}){2}|[0-9A-Fa-f]{4}(\\.[0-9A-Fa-f]{4}){3}"
      "|[0-9A-Fa-f]{4}(\\.[0-9A-Fa-f]{4}){9}");
  return FullMatch(value, kColon) || FullMatch(value, kDash) || FullMatch(value, kDot);
}

bool IsIsbn10(std::string_view value) {
  std::string digits;
  for (char c : value) {
    if (c != ' ' && c != '-') digits.push_back(c);
  }
  static const RE2 kIsbn10("[0-9]{9}[0-9X]");
  if (!FullMatch(digits, kIsbn10)) return false;
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (i + 1) * (digits[i] - '0');
  sum += 10 * (digits[9] == 'X' ? 10 : digits[9] - '0');
  return sum % 11 == 0;
}

bool IsIsbn13(std::string_view value) {
  std::string digits;
  for (char c : value) {
    if (c != ' ' && c != '-') digits.push_back(c);
  }
  if (digits.size() != 13 || !IsDigits(digits)) return false;
  int sum = 0;
  for (int i = 0; i < 12; ++i) sum += (i % 2 == 0 ? 1 : 3) * (digits[i] - '0');
  return (10 - sum % 10) % 10 == digits[12] - '0';
}

// govalidator.IsCreditCard: the card patterns on the digits, then Luhn.
bool IsCreditCard(std::string_view value) {
  std::string digits;
  for (char c : value) {
    if (absl::ascii_isdigit(c)) digits.push_back(c);
  }
  static const RE2 kCard(
      "(?:4[0-9]{12}(?:[0-9]{3})?|5[1-5][0-9]{14}|(222[1-9]|22[3-9][0-9]|2[3-6][0-9]{2}|27[01]"
      "[0-9]|2720)[0-9]{12}|6(?:011|5[0-9][0-9])[0-9]{12}|3[47][0-9]{13}|3(?:0[0-5]|[68][0-9])"
      "[0-9]{11}|(?:2131|1800|35\\d{3})\\d{11}|6[27][0-9]{14})");
  if (!FullMatch(digits, kCard)) return false;
  int sum = 0;
  bool double_it = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int digit = *it - '0';
    if (double_it) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
    double_it = !double_it;
  }
  return sum % 10 == 0;
}

// strfmt.ParseDuration: Go's time.ParseDuration, else "<n> <unit>" groups.
bool IsDuration(std::string_view value) {
  static const RE2 kGo("[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)");
  if (FullMatch(value, kGo)) return true;
  static const RE2 kGroup("(\\d+)\\s*([A-Za-zµ]+)");
  static const std::array<std::array<std::string_view, 3>, 8> kUnits = {{{"ns", "nano", ""},
                                                                         {"us", "µs", "micro"},
                                                                         {"ms", "milli", ""},
                                                                         {"s", "sec", ""},
                                                                         {"m", "min", ""},
                                                                         {"h", "hr", "hour"},
                                                                         {"d", "day", ""},
                                                                         {"w", "wk", "week"}}};
  re2::StringPiece input(value.data(), value.size());
  std::string number, unit;
  while (RE2::FindAndConsume(&input, kGroup, &number, &unit)) {
    std::string lower = absl::AsciiStrToLower(unit);
    for (const auto& variants : kUnits) {
      size_t last = variants[2].empty() ? 1 : 2;
      for (size_t i = 0; i <= last; ++i) {
        bool prefix = i == last && lower.rfind(variants[i], 0) == 0;
        if (prefix || lower == variants[i]) return true;
      }
    }
  }
  return false;
}

}  // namespace

std::string_view EffectiveFormat(const rapidjson::Value& schema) {
  std::string_view format = StringKeyword(schema, "format");
  if (format.empty()) return format;
  // x-kubernetes-int-or-string makes the type list [integer, string]: no single type.
  std::string_view type = IntOrString(schema) ? std::string_view() : Type(schema);
  if (type.empty() || type == "string") return IsStringFormat(format) ? format : "";
  if (type == "integer") return format == "int32" || format == "int64" ? format : "";
  if (type == "number") return format == "float" || format == "double" ? format : "";
  return "";
}

bool IsStringFormat(std::string_view format) {
  std::string name = Normalize(format);
  for (std::string_view known : kStringFormats) {
    if (known == name) return true;
  }
  return false;
}

bool MatchesStringFormat(std::string_view format, std::string_view value) {
  std::string name = Normalize(format);
  if (name == "password") return true;
  if (name == "date") return IsDate(value);
  if (name == "datetime") return IsDateTime(value);
  if (name == "hostname") return IsHostname(value);
  if (name == "ipv4")
    return IsIPv4Sloppy(value) || (IsIPv6(value) && value.find('.') != value.npos);
  if (name == "ipv6") return IsIPv6(value);
  if (name == "cidr") return IsCidr(value);
  if (name == "mac") return IsMac(value);
  if (name == "isbn10") return IsIsbn10(value);
  if (name == "isbn13") return IsIsbn13(value);
  if (name == "isbn") return IsIsbn10(value) || IsIsbn13(value);
  if (name == "creditcard") return IsCreditCard(value);
  if (name == "duration") return IsDuration(value);
  static const RE2 kUuid("(?i)[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}");
  static const RE2 kUuid3("(?i)[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}");
  static const RE2 kUuid4(
      "(?i)[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}");
  static const RE2 kUuid5(
      "(?i)[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}");
  static const RE2 kBson("[0-9a-fA-F]{24}");
  static const RE2 kSsn("\\d{3}[- ]?\\d{2}[- ]?\\d{4}");
  static const RE2 kHexColor("#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})");
  static const RE2 kRgbColor(
      "rgb\\(\\s*(0|[1-9]\\d?|1\\d\\d?|2[0-4]\\d|25[0-5])\\s*,\\s*(0|[1-9]\\d?|1\\d\\d?|2[0-4]"
      "\\d|25[0-5])\\s*,\\s*(0|[1-9]\\d?|1\\d\\d?|2[0-4]\\d|25[0-5])\\s*\\)");
  static const RE2 kBase64(
      "(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})");
  // url.ParseRequestURI: an absolute URI or an absolute path, no spaces.
  static const RE2 kUri("([a-zA-Z][a-zA-Z0-9+.\\-]*:|/)[^\\s]*");
  // mail.ParseAddress, approximated: local@domain, optionally as "Name <local@domain>".
  static const RE2 kEmail("([^<>@\\s]+@[^<>@\\s]+)|([^<>]*<[^<>@\\s]+@[^<>@\\s]+>)");
  if (name == "uuid") return FullMatch(value, kUuid);
  if (name == "uuid3") return FullMatch(value, kUuid3);
  if (name == "uuid4") return FullMatch(value, kUuid4);
  if (name == "uuid5") return FullMatch(value, kUuid5);
  if (name == "bsonobjectid") return FullMatch(value, kBson);
  if (name == "ssn") return FullMatch(value, kSsn);
  if (name == "hexcolor") return FullMatch(value, kHexColor);
  if (name == "rgbcolor") return FullMatch(value, kRgbColor);
  if (name == "byte") return FullMatch(value, kBase64);
  if (name == "uri") return FullMatch(value, kUri);
  if (name == "email") return FullMatch(value, kEmail);
  return true;
}

}  // namespace kube::apiserver::crd_schema
