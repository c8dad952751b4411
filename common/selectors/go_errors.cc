#include "common/selectors/go_errors.h"

#include "absl/strings/str_format.h"

namespace kube::selectors::internal {

size_t DecodeRune(std::string_view s, size_t pos, char32_t* rune) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char b0 = byte(pos);
  *rune = 0xFFFD;
  if (b0 < 0x80) {
    *rune = b0;
    return 1;
  }
  size_t len;
  char32_t cp;
  char32_t min;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return 1;
  }
  if (pos + len > s.size()) return 1;
  for (size_t i = 1; i < len; ++i) {
    const unsigned char b = byte(pos + i);
    if ((b & 0xC0) != 0x80) return 1;
    cp = (cp << 6) | (b & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are invalid in Go too.
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 1;
  *rune = cp;
  return len;
}

void AppendRune(char32_t rune, std::string* out) {
  if (rune < 0x80) {
    out->push_back(static_cast<char>(rune));
  } else if (rune < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (rune >> 6)));
    out->push_back(static_cast<char>(0x80 | (rune & 0x3F)));
  } else if (rune < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (rune >> 12)));
    out->push_back(static_cast<char>(0x80 | ((rune >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (rune & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (rune >> 18)));
    out->push_back(static_cast<char>(0x80 | ((rune >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((rune >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (rune & 0x3F)));
  }
}

std::string GoQuote(std::string_view s) {
  std::string out = "\"";
  for (size_t pos = 0; pos < s.size();) {
    char32_t rune;
    const size_t len = DecodeRune(s, pos, &rune);
    if (rune == 0xFFFD && len == 1) {
      absl::StrAppendFormat(&out, "\\x%02x", static_cast<unsigned char>(s[pos]));
    } else if (rune == '"' || rune == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(rune));
    } else if (rune >= 0x20 && rune < 0x7F) {
      out.push_back(static_cast<char>(rune));
    } else if (rune < 0x80) {
      switch (rune) {
        case '\a':
          out += "\\a";
          break;
        case '\b':
          out += "\\b";
          break;
        case '\f':
          out += "\\f";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        case '\v':
          out += "\\v";
          break;
        default:
          absl::StrAppendFormat(&out, "\\x%02x", static_cast<unsigned>(rune));
      }
    } else if (rune < 0xA0 || rune == 0xAD) {
      // C1 controls and the soft hyphen are not printable for Go.
      absl::StrAppendFormat(&out, "\\u%04x", static_cast<unsigned>(rune));
    } else {
      out.append(s.substr(pos, len));
    }
    pos += len;
  }
  out.push_back('"');
  return out;
}

std::string JsonStringList(const std::vector<std::string>& values, bool is_nil) {
  if (is_nil) return "null";
  std::string out = "[";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.push_back('"');
    for (const char c : values[i]) {
      const auto u = static_cast<unsigned char>(c);
      switch (c) {
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        // encoding/json escapes these so its output is safe inside HTML.
        case '<':
        case '>':
        case '&':
          absl::StrAppendFormat(&out, "\\u%04x", u);
          break;
        default:
          if (u < 0x20) {
            absl::StrAppendFormat(&out, "\\u%04x", u);
          } else {
            out.push_back(c);
          }
      }
    }
    out.push_back('"');
  }
  out.push_back(']');
  return out;
}

std::string InvalidValue(std::string_view path, std::string_view rendered_value,
                         std::string_view detail) {
  std::string out(path);
  out.append(": Invalid value: ").append(rendered_value);
  if (!detail.empty()) out.append(": ").append(detail);
  return out;
}

std::string Aggregate(const std::vector<std::string>& errs) {
  if (errs.size() == 1) return errs[0];
  std::vector<std::string_view> seen;
  std::string joined;
  for (const std::string& e : errs) {
    bool duplicate = false;
    for (std::string_view s : seen) duplicate = duplicate || s == e;
    if (duplicate) continue;
    if (!seen.empty()) joined += ", ";
    seen.push_back(e);
    joined += e;
  }
  if (seen.size() <= 1) return joined;
  return "[" + joined + "]";
}

}  // namespace kube::selectors::internal
