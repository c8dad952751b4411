#include "common/codec/quantity_text.h"

#include <cstdint>

#include "absl/strings/numbers.h"
#include "common/codec/absl_view.h"

namespace kube::codec {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsKnownSuffix(std::string_view suffix) {
  static constexpr std::string_view kSuffixes[] = {
      "",   "n",  "u",  "m",  "k",  "M",  "G",  "T",
      "P",  "E",  "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
  for (std::string_view known : kSuffixes) {
    if (suffix == known) return true;
  }
  // A decimal exponent: e or E and a signed 64-bit integer (Go's strconv.ParseInt).
  if (suffix.size() > 1 && (suffix[0] == 'e' || suffix[0] == 'E')) {
    std::string_view digits = suffix.substr(1);
    if (digits[0] == '+' || digits[0] == '-') digits.remove_prefix(1);
    if (digits.empty()) return false;
    for (char c : digits) {
      if (!IsDigit(c)) return false;
    }
    int64_t exponent;
    return absl::SimpleAtoi(internal::AbslView(suffix.substr(1)), &exponent);
  }
  return false;
}

}  // namespace

bool IsValidQuantity(std::string_view text) {
  // Mirrors Go's parseQuantityString, quirks included ("-" and "." parse as zero).
  if (text.empty()) return false;
  size_t pos = 0;
  const size_t end = text.size();
  if (text[0] == '-' || text[0] == '+') ++pos;
  while (pos < end && IsDigit(text[pos])) ++pos;
  if (pos < end && text[pos] == '.') {
    ++pos;
    while (pos < end && IsDigit(text[pos])) ++pos;
  }
  const size_t suffix_start = pos;
  static constexpr std::string_view kSuffixChars = "eEinumkKMGTP";
  while (pos < end && kSuffixChars.find(text[pos]) != std::string_view::npos) ++pos;
  if (pos < end && (text[pos] == '-' || text[pos] == '+')) ++pos;
  while (pos < end && IsDigit(text[pos])) ++pos;
  if (pos != end) return false;
  return IsKnownSuffix(text.substr(suffix_start));
}

std::string CanonicalQuantityFromNumber(std::string_view number) {
  // Split into sign, significant digits and a decimal exponent.
  size_t pos = 0;
  bool negative = false;
  if (pos < number.size() && number[pos] == '-') {
    negative = true;
    ++pos;
  }
  std::string digits;
  int64_t exponent = 0;
  bool any_digit = false;
  while (pos < number.size() && IsDigit(number[pos])) {
    digits.push_back(number[pos++]);
    any_digit = true;
  }
  if (pos < number.size() && number[pos] == '.') {
    ++pos;
    while (pos < number.size() && IsDigit(number[pos])) {
      digits.push_back(number[pos++]);
      --exponent;
      any_digit = true;
    }
  }
  if (!any_digit) return "";
  if (pos < number.size() && (number[pos] == 'e' || number[pos] == 'E')) {
    int64_t e;
    std::string_view rest = number.substr(pos + 1);
    if (!rest.empty() && rest[0] == '+') rest.remove_prefix(1);
    if (!absl::SimpleAtoi(internal::AbslView(rest), &e) || e > 1000 || e < -1000) return "";
    exponent += e;
    pos = number.size();
  }
  if (pos != number.size()) return "";

  size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return "0";
  digits.erase(0, first);
  while (digits.size() > 1 && digits.back() == '0') {
    digits.pop_back();
    ++exponent;
  }
  // Anything finer than a nano rounds up (away from zero), as ParseQuantity does.
  if (exponent < -9) {
    int64_t drop = -9 - exponent;
    if (drop >= static_cast<int64_t>(digits.size())) {
      digits = "1";  // a non-zero remainder only
    } else {
      bool remainder = digits.find_first_not_of('0', digits.size() - drop) != std::string::npos;
      digits.resize(digits.size() - drop);
      if (remainder) {
        int i = static_cast<int>(digits.size()) - 1;
        while (i >= 0 && digits[i] == '9') digits[i--] = '0';
        if (i < 0) {
          digits.insert(0, "1");
        } else {
          ++digits[i];
        }
      }
    }
    exponent = -9;
    while (digits.size() > 1 && digits.back() == '0') {
      digits.pop_back();
      ++exponent;
    }
  }
  // The exponent becomes a multiple of three (at most E), carried by a suffix.
  int64_t exponent3 = exponent >= 0 ? exponent / 3 * 3 : -((-exponent + 2) / 3) * 3;
  if (exponent3 > 18) exponent3 = 18;
  digits.append(static_cast<size_t>(exponent - exponent3), '0');
  static constexpr std::string_view kSuffixes[] = {"n", "u", "m", "", "k", "M", "G", "T",
                                                   "P", "E"};
  std::string out = negative ? "-" : "";
  out += digits;
  out += kSuffixes[(exponent3 + 9) / 3];
  return out;
}

}  // namespace kube::codec
