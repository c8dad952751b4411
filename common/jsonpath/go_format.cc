#include "common/jsonpath/go_format.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/codec/json_text.h"

namespace kube::jsonpath {
namespace {

using Member = rapidjson::Value::ConstMemberIterator;

// Members sorted by key, as Go orders a map when printing or marshalling it.
std::vector<Member> SortedMembers(const rapidjson::Value& object) {
  std::vector<Member> members;
  for (Member it = object.MemberBegin(); it != object.MemberEnd(); ++it) members.push_back(it);
  std::stable_sort(members.begin(), members.end(), [](const Member& a, const Member& b) {
    return StringOf(a->name) < StringOf(b->name);
  });
  return members;
}

// encoding/json's string escaping with HTML escaping on (json.Marshal's default).
void AppendJsonString(std::string& out, std::string_view raw) {
  const std::string text = codec::SanitizeUtf8(raw);
  out += '"';
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\b':
        out += "\\b";
        continue;
      case '\f':
        out += "\\f";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\t':
        out += "\\t";
        continue;
      case '<':
      case '>':
      case '&':
        absl::StrAppendFormat(&out, "\\u%04x", c);
        continue;
      default:
        break;
    }
    if (c < 0x20) {
      absl::StrAppendFormat(&out, "\\u%04x", c);
    } else if (c == 0xE2 && i + 2 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(text[i + 2]) & 0xFE) == 0xA8) {
      // U+2028 and U+2029, which JavaScript reads as line ends.
      absl::StrAppend(&out, "\\u202", text[i + 2] == '\xA8' ? "8" : "9");
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}

void AppendJson(std::string& out, const rapidjson::Value& value) {
  switch (value.GetType()) {
    case rapidjson::kNullType:
      out += "null";
      return;
    case rapidjson::kFalseType:
      out += "false";
      return;
    case rapidjson::kTrueType:
      out += "true";
      return;
    case rapidjson::kStringType:
      AppendJsonString(out, StringOf(value));
      return;
    case rapidjson::kNumberType:
      out +=
          IsGoInt(value) ? absl::StrCat(value.GetInt64()) : codec::FormatGoFloat(value.GetDouble());
      return;
    case rapidjson::kArrayType: {
      out += '[';
      bool first = true;
      for (const rapidjson::Value& element : value.GetArray()) {
        if (!first) out += ',';
        first = false;
        AppendJson(out, element);
      }
      out += ']';
      return;
    }
    case rapidjson::kObjectType: {
      out += '{';
      bool first = true;
      for (const Member& member : SortedMembers(value)) {
        if (!first) out += ',';
        first = false;
        AppendJsonString(out, StringOf(member->name));
        out += ':';
        AppendJson(out, member->value);
      }
      out += '}';
      return;
    }
  }
}

// Go's exponent: a sign and at least two digits.
std::string GoExponent(int exponent) {
  return absl::StrFormat("e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
}

}  // namespace

bool IsGoInt(const rapidjson::Value& value) { return value.IsInt64(); }

std::string GoFloatText(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char buffer[64];
  const std::to_chars_result result =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  const std::string scientific(buffer, result.ptr);
  const size_t e_pos = scientific.find('e');
  const int exponent = std::atoi(scientific.c_str() + e_pos + 1);
  if (exponent < -4 || exponent >= 6) {
    return scientific.substr(0, e_pos) + GoExponent(exponent);
  }
  // Between 1e-4 and 1e6 Go's 'f' layout is the JSON one.
  return codec::FormatGoFloat(value);
}

std::string GoJsonMarshal(const rapidjson::Value& value) {
  std::string out;
  AppendJson(out, value);
  return out;
}

std::string GoValueText(const rapidjson::Value& value) {
  switch (value.GetType()) {
    case rapidjson::kNullType:
      return "<nil>";
    case rapidjson::kFalseType:
      return "false";
    case rapidjson::kTrueType:
      return "true";
    case rapidjson::kStringType:
      return std::string(StringOf(value));
    case rapidjson::kNumberType:
      return IsGoInt(value) ? absl::StrCat(value.GetInt64()) : GoFloatText(value.GetDouble());
    case rapidjson::kArrayType: {
      std::string out = "[";
      for (const rapidjson::Value& element : value.GetArray()) {
        if (out.size() > 1) out += ' ';
        out += GoValueText(element);
      }
      return out + "]";
    }
    case rapidjson::kObjectType: {
      std::string out = "map[";
      for (const Member& member : SortedMembers(value)) {
        if (out.size() > 4) out += ' ';
        out += StringOf(member->name);
        out += ':';
        out += GoValueText(member->value);
      }
      return out + "]";
    }
  }
  return "";
}

const char* GoTypeName(const rapidjson::Value& value) {
  switch (value.GetType()) {
    case rapidjson::kNullType:
      return "<nil>";
    case rapidjson::kFalseType:
    case rapidjson::kTrueType:
      return "bool";
    case rapidjson::kStringType:
      return "string";
    case rapidjson::kNumberType:
      return IsGoInt(value) ? "int64" : "float64";
    case rapidjson::kArrayType:
      return "[]interface {}";
    case rapidjson::kObjectType:
      return "map[string]interface {}";
  }
  return "";
}

}  // namespace kube::jsonpath
