#include "common/jsonpath/unquote.h"

#include <cstdint>

namespace kube::jsonpath {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendUtf8(std::string& out, uint32_t rune) {
  if (rune < 0x80) {
    out += static_cast<char>(rune);
  } else if (rune < 0x800) {
    out += static_cast<char>(0xC0 | (rune >> 6));
    out += static_cast<char>(0x80 | (rune & 0x3F));
  } else if (rune < 0x10000) {
    out += static_cast<char>(0xE0 | (rune >> 12));
    out += static_cast<char>(0x80 | ((rune >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (rune & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (rune >> 18));
    out += static_cast<char>(0x80 | ((rune >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((rune >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (rune & 0x3F));
  }
}

// One escape after the backslash (strconv.UnquoteChar); false on bad syntax.
bool AppendEscape(std::string_view& s, char quote, std::string& out) {
  if (s.empty()) return false;
  const char c = s[0];
  s.remove_prefix(1);
  switch (c) {
    case 'a':
      out += '\a';
      return true;
    case 'b':
      out += '\b';
      return true;
    case 'f':
      out += '\f';
      return true;
    case 'n':
      out += '\n';
      return true;
    case 'r':
      out += '\r';
      return true;
    case 't':
      out += '\t';
      return true;
    case 'v':
      out += '\v';
      return true;
    case '\\':
      out += '\\';
      return true;
    case '\'':
    case '"':
      if (c != quote) return false;
      out += c;
      return true;
    case 'x':
    case 'u':
    case 'U': {
      const size_t digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
      if (s.size() < digits) return false;
      uint32_t value = 0;
      for (size_t i = 0; i < digits; ++i) {
        const int digit = HexValue(s[i]);
        if (digit < 0) return false;
        value = value * 16 + static_cast<uint32_t>(digit);
      }
      s.remove_prefix(digits);
      if (c == 'x') {
        out += static_cast<char>(value);  // a byte, not a rune
        return true;
      }
      if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return false;
      AppendUtf8(out, value);
      return true;
    }
    default:
      if (c >= '0' && c <= '7') {
        if (s.size() < 2) return false;
        uint32_t value = static_cast<uint32_t>(c - '0');
        for (int i = 0; i < 2; ++i) {
          if (s[i] < '0' || s[i] > '7') return false;
          value = value * 8 + static_cast<uint32_t>(s[i] - '0');
        }
        if (value > 255) return false;
        s.remove_prefix(2);
        out += static_cast<char>(value);
        return true;
      }
      return false;
  }
}

}  // namespace

std::optional<std::string> UnquoteExtend(std::string_view quoted) {
  if (quoted.size() < 2) return std::nullopt;
  const char quote = quoted.front();
  if (quote != quoted.back() || (quote != '"' && quote != '\'')) return std::nullopt;
  std::string_view s = quoted.substr(1, quoted.size() - 2);
  std::string out;
  while (!s.empty()) {
    const char c = s.front();
    if (c == quote) return std::nullopt;
    s.remove_prefix(1);
    if (c != '\\') {
      out += c;
    } else if (!AppendEscape(s, quote, out)) {
      return std::nullopt;
    }
  }
  return out;
}

}  // namespace kube::jsonpath
