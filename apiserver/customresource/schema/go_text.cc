#include "apiserver/customresource/schema/go_text.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <vector>

#include "apiserver/customresource/schema/schema_node.h"
#include "common/api/field_error.h"
#include "common/util/strings.h"

namespace kube::apiserver::crd_schema {
namespace {

// %#v of a value inside a map or slice.
void AppendSharpV(const rapidjson::Value& value, std::string* out) {
  switch (value.GetType()) {
    case rapidjson::kNullType:
      out->append("interface {}(nil)");
      return;
    case rapidjson::kObjectType: {
      std::vector<const rapidjson::Value::Member*> members;
      for (const auto& member : value.GetObject()) members.push_back(&member);
      // fmt prints map keys sorted.
      std::sort(members.begin(), members.end(),
                [](const auto* a, const auto* b) { return ToView(a->name) < ToView(b->name); });
      out->append("map[string]interface {}{");
      for (size_t i = 0; i < members.size(); ++i) {
        if (i > 0) out->append(", ");
        out->append(api::QuoteValue(ToView(members[i]->name)));
        out->push_back(':');
        AppendSharpV(members[i]->value, out);
      }
      out->push_back('}');
      return;
    }
    case rapidjson::kArrayType: {
      out->append("[]interface {}{");
      bool first = true;
      for (const auto& item : value.GetArray()) {
        if (!first) out->append(", ");
        first = false;
        AppendSharpV(item, out);
      }
      out->push_back('}');
      return;
    }
    default:
      out->append(GoErrorValue(value));
  }
}

}  // namespace

bool IsGoInt(const rapidjson::Value& value) { return value.IsInt64(); }

double AsFloat(const rapidjson::Value& value) { return value.GetDouble(); }

std::string GoFloat(double value) {
  char buffer[64];
  auto [end, ec] =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  std::string_view text(buffer, end - buffer);  // "-1.2345e+06": shortest digits
  std::string sign;
  if (!text.empty() && text.front() == '-') {
    sign = "-";
    text.remove_prefix(1);
  }
  size_t e = text.find('e');
  std::string digits;
  for (char c : text.substr(0, e)) {
    if (c != '.') digits.push_back(c);
  }
  int exponent = std::atoi(std::string(text.substr(e + 1)).c_str());
  if (digits == "0") return sign + "0";
  if (exponent < -4 || exponent >= 6) {
    std::string out = sign + digits.substr(0, 1);
    if (digits.size() > 1) StrAppend(&out, ".", digits.substr(1));
    std::string exp_digits = std::to_string(std::abs(exponent));
    if (exp_digits.size() < 2) exp_digits.insert(0, "0");
    StrAppend(&out, "e", exponent < 0 ? "-" : "+", exp_digits);
    return out;
  }
  if (exponent < 0) return StrCat(sign, "0.", std::string(-exponent - 1, '0'), digits);
  size_t integer_digits = static_cast<size_t>(exponent) + 1;
  if (digits.size() <= integer_digits) {
    return StrCat(sign, digits, std::string(integer_digits - digits.size(), '0'));
  }
  return StrCat(sign, digits.substr(0, integer_digits), ".", digits.substr(integer_digits));
}

std::string GoNumber(const rapidjson::Value& number) {
  return IsGoInt(number) ? std::to_string(number.GetInt64()) : GoFloat(number.GetDouble());
}

std::string GoErrorValue(const rapidjson::Value& value) {
  switch (value.GetType()) {
    case rapidjson::kNullType:
      return "null";
    case rapidjson::kFalseType:
      return "false";
    case rapidjson::kTrueType:
      return "true";
    case rapidjson::kNumberType:
      return GoNumber(value);
    case rapidjson::kStringType:
      return api::QuoteValue(ToView(value));
    default: {
      std::string out;
      AppendSharpV(value, &out);
      return out;
    }
  }
}

std::string_view OpenApiTypeOf(const rapidjson::Value& value) {
  switch (value.GetType()) {
    case rapidjson::kNullType:
      return "null";
    case rapidjson::kFalseType:
    case rapidjson::kTrueType:
      return "boolean";
    case rapidjson::kNumberType:
      return IsGoInt(value) ? "integer" : "number";
    case rapidjson::kStringType:
      return "string";
    case rapidjson::kArrayType:
      return "array";
    case rapidjson::kObjectType:
      return "object";
  }
  return "null";
}

}  // namespace kube::apiserver::crd_schema
