#include "common/codec/yaml_scalar.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "absl/strings/str_cat.h"
#include "common/codec/json_text.h"

namespace kube::codec {
namespace {

using Kind = YamlScalar::Kind;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Go's strconv.ParseUint(text, 0, 64) after the sign: base from the prefix.
bool ParseUnsignedBase0(std::string_view text, uint64_t& out) {
  int base = 10;
  if (text.size() >= 2 && text[0] == '0') {
    char p = text[1];
    if (p == 'x' || p == 'X') {
      base = 16;
      text.remove_prefix(2);
    } else if (p == 'o' || p == 'O') {
      base = 8;
      text.remove_prefix(2);
    } else if (p == 'b' || p == 'B') {
      base = 2;
      text.remove_prefix(2);
    } else {
      base = 8;
      text.remove_prefix(1);
    }
  }
  if (text.empty()) return false;
  uint64_t value = 0;
  for (char c : text) {
    int digit;
    if (IsDigit(c)) {
      digit = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      digit = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      digit = c - 'A' + 10;
    } else {
      return false;
    }
    if (digit >= base) return false;
    if (value > (std::numeric_limits<uint64_t>::max() - digit) / base) return false;
    value = value * base + digit;
  }
  out = value;
  return true;
}

// go-yaml's yamlStyleFloat: ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
bool IsYamlStyleFloat(std::string_view text) {
  size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  if (i < text.size() && text[i] == '.') {
    ++i;
    size_t start = i;
    while (i < text.size() && IsDigit(text[i])) ++i;
    if (i == start) return false;
  } else {
    size_t start = i;
    while (i < text.size() && IsDigit(text[i])) ++i;
    if (i == start) return false;
    if (i < text.size() && text[i] == '.') {
      ++i;
      while (i < text.size() && IsDigit(text[i])) ++i;
    }
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    size_t start = i;
    while (i < text.size() && IsDigit(text[i])) ++i;
    if (i == start) return false;
  }
  return i == text.size();
}

// strconv.ParseFloat for decimal text already checked by IsYamlStyleFloat; false on
// overflow, as Go returns an error there.
bool ParseDecimalFloat(std::string_view text, double& out) {
  std::string copy(text);
  errno = 0;
  char* end = nullptr;
  double value = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size()) return false;
  if (errno == ERANGE && std::isinf(value)) return false;
  out = value;
  return true;
}

YamlScalar Make(Kind kind) {
  YamlScalar scalar;
  scalar.kind = kind;
  return scalar;
}

YamlScalar Bool(bool value) {
  YamlScalar scalar = Make(Kind::kBool);
  scalar.boolean = value;
  return scalar;
}

YamlScalar Float(double value) {
  YamlScalar scalar = Make(Kind::kFloat);
  scalar.floating = value;
  return scalar;
}

bool OneOf(std::string_view text, std::initializer_list<std::string_view> words) {
  for (std::string_view word : words) {
    if (text == word) return true;
  }
  return false;
}

}  // namespace

YamlScalar ResolvePlainScalar(std::string_view text) {
  // Only scalars starting with one of these can be anything but a string.
  const char first = text.empty() ? 'N' : text[0];
  static constexpr std::string_view kHints = "+-0123456789yYnNtTfFoO~.";
  if (!text.empty() && kHints.find(first) == std::string_view::npos) return Make(Kind::kString);

  if (OneOf(text, {"", "~", "null", "Null", "NULL"})) return Make(Kind::kNull);
  if (OneOf(text, {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"})) {
    return Bool(true);
  }
  if (OneOf(text, {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"})) {
    return Bool(false);
  }
  if (OneOf(text, {".nan", ".NaN", ".NAN"})) return Float(std::nan(""));
  if (OneOf(text, {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"})) {
    return Float(std::numeric_limits<double>::infinity());
  }
  if (OneOf(text, {"-.inf", "-.Inf", "-.INF"})) {
    return Float(-std::numeric_limits<double>::infinity());
  }

  if (first == '.') {
    double value;
    if (IsYamlStyleFloat(text) && ParseDecimalFloat(text, value)) return Float(value);
    return Make(Kind::kString);
  }
  if (first != '+' && first != '-' && !IsDigit(first)) return Make(Kind::kString);

  std::string plain;
  for (char c : text) {
    if (c != '_') plain.push_back(c);
  }
  std::string_view digits = plain;
  bool negative = false;
  if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) {
    negative = digits[0] == '-';
    digits.remove_prefix(1);
  }
  uint64_t magnitude;
  if (ParseUnsignedBase0(digits, magnitude)) {
    constexpr uint64_t kMaxInt = std::numeric_limits<int64_t>::max();
    if (negative && magnitude <= kMaxInt + 1) {
      YamlScalar scalar = Make(Kind::kInt);
      scalar.integer = static_cast<int64_t>(0 - magnitude);
      return scalar;
    }
    if (!negative && magnitude <= kMaxInt) {
      YamlScalar scalar = Make(Kind::kInt);
      scalar.integer = static_cast<int64_t>(magnitude);
      return scalar;
    }
    if (!negative && plain[0] != '+') {  // ParseUint takes no sign
      YamlScalar scalar = Make(Kind::kUint);
      scalar.unsigned_integer = magnitude;
      return scalar;
    }
  }
  double value;
  if (IsYamlStyleFloat(plain) && ParseDecimalFloat(plain, value)) return Float(value);
  return Make(Kind::kString);
}

std::string YamlScalarJson(const YamlScalar& scalar) {
  switch (scalar.kind) {
    case Kind::kNull:
      return "null";
    case Kind::kBool:
      return scalar.boolean ? "true" : "false";
    case Kind::kInt:
      return absl::StrCat(scalar.integer);
    case Kind::kUint:
      return absl::StrCat(scalar.unsigned_integer);
    case Kind::kFloat:
      return std::isfinite(scalar.floating) ? FormatGoFloat(scalar.floating) : "";
    case Kind::kString:
      return "";
  }
  return "";
}

}  // namespace kube::codec
