#include "common/codec/yaml_scalar.h"

#include <catch2/catch.hpp>

namespace kube::codec {
namespace {

// The JSON each plain scalar becomes; "str" means it stays a string, "" unrepresentable.
std::string Typed(std::string_view text) {
  YamlScalar scalar = ResolvePlainScalar(text);
  if (scalar.kind == YamlScalar::Kind::kString) return "str";
  return YamlScalarJson(scalar);
}

TEST_CASE("Plain scalars resolve like go-yaml v2", "[yaml][scalar]") {
  const std::pair<std::string_view, std::string_view> table[] = {
      // null
      {"", "null"}, {"~", "null"}, {"null", "null"}, {"Null", "null"}, {"NULL", "null"},
      {"nULL", "str"},
      // bool, including YAML 1.1's y/n
      {"true", "true"}, {"True", "true"}, {"TRUE", "true"}, {"yes", "true"}, {"Yes", "true"},
      {"YES", "true"}, {"on", "true"}, {"On", "true"}, {"ON", "true"}, {"y", "true"},
      {"Y", "true"}, {"false", "false"}, {"no", "false"}, {"No", "false"}, {"NO", "false"},
      {"off", "false"}, {"Off", "false"}, {"OFF", "false"}, {"n", "false"}, {"N", "false"},
      {"tRUE", "str"}, {"yEs", "str"},
      // integers
      {"0", "0"}, {"42", "42"}, {"-42", "-42"}, {"+42", "42"}, {"1_000", "1000"},
      {"0x1F", "31"}, {"0X1f", "31"}, {"-0x10", "-16"}, {"0o17", "15"}, {"017", "15"},
      {"0b101", "5"}, {"00", "0"}, {"9223372036854775807", "9223372036854775807"},
      {"-9223372036854775808", "-9223372036854775808"},
      {"18446744073709551615", "18446744073709551615"}, {"0x", "str"}, {"0xg", "str"},
      // floats
      {"1.5", "1.5"}, {"-1.5", "-1.5"}, {".5", "0.5"}, {"1.", "1"}, {"1e3", "1000"},
      {"1E-3", "0.001"}, {"+1.5e+2", "150"}, {"08", "8"}, {"1_0.5", "10.5"},
      {"18446744073709551616", "18446744073709552000"}, {".inf", ""}, {"-.Inf", ""},
      {"+.INF", ""}, {".nan", ""}, {".NaN", ""}, {"1e999", "str"}, {"1e", "str"},
      // strings, timestamps included
      {"abc", "str"}, {"-", "str"}, {"+", "str"}, {".", "str"}, {"1.2.3", "str"},
      {"2001-12-14", "str"}, {"2001-12-14T21:59:43.10-05:00", "str"}, {"12:30", "str"},
      {"<<", "str"}, {"0.5Gi", "str"}, {"_1", "str"}, {".inf1", "str"}, {"1 2", "str"},
  };
  for (const auto& [text, json] : table) {
    INFO(text);
    CHECK(Typed(text) == json);
  }
}

}  // namespace
}  // namespace kube::codec
