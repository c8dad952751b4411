#include "common/codec/json_writer.h"

#include <catch2/catch.hpp>
#include <limits>

#include "common/codec/json_text.h"

namespace kube::codec::internal {
namespace {

// Makes the same calls on both writers; returns JsonWriter's text after checking that
// it is WriteJson of DomWriter's value.
template <typename Calls>
std::string Write(Calls calls) {
  std::string text;
  {
    JsonWriter writer(text);
    calls(writer);
  }
  rapidjson::Document document;
  DomWriter dom(document.GetAllocator());
  calls(dom);
  rapidjson::Value value;
  dom.TakeResult(value);
  CHECK(WriteJson(value) == text);
  return text;
}

TEST_CASE("JsonWriter writes what WriteJson writes for the DOM", "[json_writer]") {
  auto calls = [](auto& out) {
    out.StartObject();
    out.Key("a");
    out.StartArray();
    out.Int(-1);
    out.Uint(4000000000u);
    out.Int64(std::numeric_limits<int64_t>::min());
    out.Uint64(std::numeric_limits<uint64_t>::max());
    out.Double(0.5);
    out.Double(1e21);
    out.Double(std::numeric_limits<double>::quiet_NaN());
    out.Bool(true);
    out.Null();
    out.StartObject();
    out.EndObject();
    out.StartArray();
    out.EndArray();
    out.EndArray();
    out.Key("q\"uote");
    out.String(std::string_view("c\0ntrol\x1f\t\n\\", 11));
    out.Key("raw");
    out.ParsedJson(R"( {"x": [1, 2.50]} )");
    out.Key("bad raw");
    out.ParsedJson("{");
    out.Key("utf8");
    out.Utf8String("ok \xc3\xa9");
    out.Key("not utf8");
    out.Utf8String("a\xffz");
    out.EndObject();
  };
  CHECK(Write(calls) ==
        R"({"a":[-1,4000000000,-9223372036854775808,18446744073709551615,0.5,1e+21,null,)"
        R"(true,null,{},[]],"q\"uote":"c\u0000ntrol\u001F\t\n\\","raw":{"x":[1,2.5]},)"
        R"("bad raw":null,"utf8":"ok é","not utf8":"a)"
        "\xEF\xBF\xBD"
        R"(z"})");
}

TEST_CASE("JsonWriter grows its buffer and appends to what is there", "[json_writer]") {
  const std::string long_text(5000, 'x');
  const std::string escapes(3000, '\n');
  std::string out = "prefix:";
  {
    JsonWriter writer(out);
    writer.StartArray();
    writer.String(long_text);
    writer.String(escapes);
    writer.EndArray();
  }
  std::string expected = "prefix:[\"" + long_text + "\",\"";
  for (int i = 0; i < 3000; ++i) expected += "\\n";
  expected += "\"]";
  CHECK(out == expected);
}

TEST_CASE("AppendJsonString escapes as RapidJSON does", "[json_writer]") {
  for (int c = 0; c < 128; ++c) {
    const std::string text = "ab" + std::string(1, static_cast<char>(c)) + "cdefghijk";
    std::string escaped;
    AppendJsonString(escaped, text);
    rapidjson::Value value(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    CHECK(escaped == WriteJson(value));
  }
}

}  // namespace
}  // namespace kube::codec::internal
