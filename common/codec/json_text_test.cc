#include "common/codec/json_text.h"

#include <catch2/catch.hpp>
#include <limits>

namespace kube::codec {
namespace {

TEST_CASE("FormatGoFloat matches encoding/json", "[json][text]") {
  CHECK(FormatGoFloat(0) == "0");
  CHECK(FormatGoFloat(-0.0) == "-0");
  CHECK(FormatGoFloat(3) == "3");
  CHECK(FormatGoFloat(0.1) == "0.1");
  CHECK(FormatGoFloat(1e-6) == "0.000001");
  CHECK(FormatGoFloat(1e-7) == "1e-7");
  CHECK(FormatGoFloat(1.5e-300) == "1.5e-300");
  CHECK(FormatGoFloat(1e20) == "100000000000000000000");
  CHECK(FormatGoFloat(1e21) == "1e+21");
  CHECK(FormatGoFloat(123456789.125) == "123456789.125");
  CHECK(FormatGoFloat(static_cast<float>(0.1f), 32) == "0.1");
  CHECK(FormatGoFloat(std::numeric_limits<double>::infinity()) == "null");
}

TEST_CASE("ParseJson and WriteJson", "[json][text]") {
  rapidjson::Document doc;
  CHECK_FALSE(ParseJson("[1e400]", doc).ok());  // overflows a double
  REQUIRE(ParseJson(R"( {"a": [1, -2, 1.0, 0.5, 18446744073709551615, "\u00e9\n"]} )", doc).ok());
  CHECK(WriteJson(doc) == "{\"a\":[1,-2,1,0.5,18446744073709551615,\"\u00e9\\n\"]}");
  CHECK_FALSE(ParseJson("", doc).ok());
  CHECK_FALSE(ParseJson("{\"a\":1}x", doc).ok());
  CHECK_FALSE(ParseJson(std::string("\"\0\"", 3), doc).ok());  // a raw control character
  REQUIRE(ParseJson(R"("a\u0000b")", doc).ok());
  CHECK(doc.GetStringLength() == 3);
  CHECK(WriteJson(doc) == R"("a\u0000b")");
}

TEST_CASE("WithinDepth counts arrays and objects", "[json][text]") {
  rapidjson::Document doc;
  REQUIRE(ParseJson("[[{}]]", doc).ok());
  CHECK(WithinDepth(doc, 3));
  CHECK_FALSE(WithinDepth(doc, 2));
  REQUIRE(ParseJson("1", doc).ok());
  CHECK(WithinDepth(doc, 0));
}

TEST_CASE("UTF-8 validation and repair", "[json][text]") {
  CHECK(IsValidUtf8("plain \u00e9 \u20ac \U0001F600"));
  CHECK_FALSE(IsValidUtf8("\xff"));
  CHECK_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong
  CHECK_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate
  CHECK_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  CHECK_FALSE(IsValidUtf8("\xe2\x82"));          // truncated
  CHECK(SanitizeUtf8("a\xffz\xe2\x82") == "a\uFFFDz\uFFFD\uFFFD");
}

}  // namespace
}  // namespace kube::codec
