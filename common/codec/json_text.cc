#include "common/codec/json_text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "rapidjson/error/en.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace kube::codec {
namespace {

// rapidjson's Writer with Go's float format. Value::Accept resolves Double() statically.
class GoWriter : public rapidjson::Writer<rapidjson::StringBuffer> {
 public:
  using Writer::Writer;
  bool Double(double d) {
    if (!std::isfinite(d)) return Null();
    std::string text = FormatGoFloat(d);
    return RawValue(text.data(), text.size(), rapidjson::kNumberType);
  }
};

// Length of the UTF-8 sequence starting at text[i], or 0 if it is invalid.
size_t Utf8SequenceLength(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  auto continuation = [&](size_t k) { return k < text.size() && (byte(k) & 0xC0) == 0x80; };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return continuation(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!continuation(i + 1) || !continuation(i + 2)) return 0;
    unsigned char c1 = byte(i + 1);
    if (c == 0xE0 && c1 < 0xA0) return 0;   // overlong
    if (c == 0xED && c1 >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!continuation(i + 1) || !continuation(i + 2) || !continuation(i + 3)) return 0;
    unsigned char c1 = byte(i + 1);
    if (c == 0xF0 && c1 < 0x90) return 0;  // overlong
    if (c == 0xF4 && c1 >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

}  // namespace

absl::Status ParseJson(std::string_view json, rapidjson::Document& doc) {
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseFullPrecisionFlag;
  // RapidJSON's own check of the strings' encoding costs more than the rest of the
  // parse; text that is valid UTF-8 throughout needs none. Other text gets it, and
  // with it the error for the first bad sequence.
  if (IsValidUtf8(json)) {
    doc.Parse<kFlags>(json.data(), json.size());
  } else {
    doc.Parse<kFlags | rapidjson::kParseValidateEncodingFlag>(json.data(), json.size());
  }
  if (doc.HasParseError()) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid JSON at offset ", doc.GetErrorOffset(), ": ",
                     rapidjson::GetParseError_En(doc.GetParseError())));
  }
  if (!WithinDepth(doc, kMaxNestingDepth)) {
    doc.SetNull();
    return absl::InvalidArgumentError(
        absl::StrCat("JSON nests deeper than ", kMaxNestingDepth, " levels"));
  }
  return absl::OkStatus();
}

std::string WriteJson(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  GoWriter writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

void SortKeys(rapidjson::Value& value) {
  if (value.IsArray()) {
    for (auto& element : value.GetArray()) SortKeys(element);
    return;
  }
  if (!value.IsObject()) return;
  auto less = [](const rapidjson::Value::Member& a, const rapidjson::Value::Member& b) {
    return std::string_view(a.name.GetString(), a.name.GetStringLength()) <
           std::string_view(b.name.GetString(), b.name.GetStringLength());
  };
  std::stable_sort(value.MemberBegin(), value.MemberEnd(), less);
  // Of equal keys (now adjacent) the last wins, as in Go.
  for (auto it = value.MemberBegin(); it != value.MemberEnd();) {
    auto next = it + 1;
    if (next != value.MemberEnd() && !less(*it, *next) && !less(*next, *it)) {
      it = value.EraseMember(it);
    } else {
      SortKeys(it->value);
      it = next;
    }
  }
}

bool JsonEqual(const rapidjson::Value& a, const rapidjson::Value& b) {
  if (a.IsNumber() && b.IsNumber()) {
    if (a.IsInt64() && b.IsInt64()) return a.GetInt64() == b.GetInt64();
    return a.GetDouble() == b.GetDouble();
  }
  if (a.GetType() != b.GetType()) return false;
  switch (a.GetType()) {
    case rapidjson::kStringType:
      return std::string_view(a.GetString(), a.GetStringLength()) ==
             std::string_view(b.GetString(), b.GetStringLength());
    case rapidjson::kArrayType: {
      if (a.Size() != b.Size()) return false;
      for (rapidjson::SizeType i = 0; i < a.Size(); ++i) {
        if (!JsonEqual(a[i], b[i])) return false;
      }
      return true;
    }
    case rapidjson::kObjectType: {
      if (a.MemberCount() != b.MemberCount()) return false;
      for (const auto& member : a.GetObject()) {
        auto it = b.FindMember(member.name);
        if (it == b.MemberEnd() || !JsonEqual(member.value, it->value)) return false;
      }
      return true;
    }
    default:
      return true;  // null, true, false: equal types are equal values
  }
}

bool WithinDepth(const rapidjson::Value& value, int max_depth) {
  if (value.IsObject()) {
    if (max_depth <= 0) return false;
    for (const auto& member : value.GetObject()) {
      if (!WithinDepth(member.value, max_depth - 1)) return false;
    }
  } else if (value.IsArray()) {
    if (max_depth <= 0) return false;
    for (const auto& element : value.GetArray()) {
      if (!WithinDepth(element, max_depth - 1)) return false;
    }
  }
  return true;
}

const char* JsonTypeName(const rapidjson::Value& value) {
  switch (value.GetType()) {
    case rapidjson::kNullType:
      return "null";
    case rapidjson::kFalseType:
    case rapidjson::kTrueType:
      return "bool";
    case rapidjson::kNumberType:
      return "number";
    case rapidjson::kStringType:
      return "string";
    case rapidjson::kArrayType:
      return "array";
    case rapidjson::kObjectType:
      return "object";
  }
  return "unknown";
}

std::string FormatGoFloat(double value, int bits) {
  if (!std::isfinite(value)) return "null";
  const double magnitude = std::fabs(value);
  bool exponent_form = false;
  if (magnitude != 0) {
    if (bits == 32) {
      float f = static_cast<float>(magnitude);
      exponent_form = f < 1e-6f || f >= 1e21f;
    } else {
      exponent_form = magnitude < 1e-6 || magnitude >= 1e21;
    }
  }
  // Shortest round-trip digits, then laid out as Go's 'e' or 'f' format would.
  char buffer[64];
  std::to_chars_result result =
      bits == 32 ? std::to_chars(buffer, buffer + sizeof buffer, static_cast<float>(value),
                                 std::chars_format::scientific)
                 : std::to_chars(buffer, buffer + sizeof buffer, value,
                                 std::chars_format::scientific);
  std::string scientific(buffer, result.ptr);
  if (exponent_form) {
    // Go writes e-07 as e-7 (but keeps e+21).
    size_t n = scientific.size();
    if (n >= 4 && scientific[n - 4] == 'e' && scientific[n - 3] == '-' &&
        scientific[n - 2] == '0') {
      scientific.erase(n - 2, 1);
    }
    return scientific;
  }
  const size_t e_pos = scientific.find('e');
  const int exponent = std::atoi(scientific.c_str() + e_pos + 1);
  std::string text;
  std::string digits;
  for (size_t i = 0; i < e_pos; ++i) {
    char c = scientific[i];
    if (c == '-') {
      text.push_back('-');
    } else if (c != '.') {
      digits.push_back(c);
    }
  }
  if (exponent < 0) {
    text += "0.";
    text.append(static_cast<size_t>(-exponent - 1), '0');
    text += digits;
  } else if (digits.size() <= static_cast<size_t>(exponent) + 1) {
    text += digits;
    text.append(static_cast<size_t>(exponent) + 1 - digits.size(), '0');
  } else {
    text += digits.substr(0, exponent + 1);
    text += '.';
    text += digits.substr(exponent + 1);
  }
  return text;
}

bool IsValidUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    // ASCII, the usual case, eight bytes at a time.
    if (uint64_t chunk; i + 8 <= text.size()) {
      std::memcpy(&chunk, text.data() + i, 8);
      if ((chunk & 0x8080808080808080u) == 0) {
        i += 8;
        continue;
      }
    }
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t length = Utf8SequenceLength(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

std::string SanitizeUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t length = Utf8SequenceLength(text, i);
    if (length == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

}  // namespace kube::codec
