#include "apiserver/authorization/rbac/go_quote.h"

#include "absl/strings/str_format.h"

namespace kube::apiserver::rbac {
namespace {

// Length of the valid UTF-8 sequence at value[pos], or 0 when it is not one.
size_t Utf8Length(std::string_view value, size_t pos) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(value[i]); };
  const unsigned char lead = byte(pos);
  size_t length = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
  } else {
    return 0;
  }
  if (pos + length > value.size()) return 0;
  for (size_t i = 1; i < length; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) return 0;
  }
  return length;
}

template <typename Range>
std::string QuoteRange(const Range& values) {
  std::string out = "[";
  bool first = true;
  for (const std::string& value : values) {
    if (!first) out += ' ';
    first = false;
    out += GoQuote(value);
  }
  out += ']';
  return out;
}

}  // namespace

std::string GoQuote(std::string_view value) {
  std::string out = "\"";
  for (size_t i = 0; i < value.size();) {
    const unsigned char c = static_cast<unsigned char>(value[i]);
    if (c >= 0x80) {
      // Printable runes pass through; an invalid byte is escaped on its own.
      if (const size_t length = Utf8Length(value, i); length > 0) {
        out.append(value.substr(i, length));
        i += length;
      } else {
        out += absl::StrFormat("\\x%02x", c);
        ++i;
      }
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\a': out += "\\a"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\v': out += "\\v"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += absl::StrFormat("\\x%02x", c);
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  out += '"';
  return out;
}

std::string GoQuoteList(const google::protobuf::RepeatedPtrField<std::string>& values) {
  return QuoteRange(values);
}

std::string GoQuoteList(const std::vector<std::string>& values) { return QuoteRange(values); }

}  // namespace kube::apiserver::rbac
