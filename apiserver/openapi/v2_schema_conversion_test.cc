#include "apiserver/openapi/v2_schema_conversion.h"

#include <catch2/catch.hpp>

namespace kube::apiserver::openapi {
namespace {

Json Parsed(const char* text) {
  absl::StatusOr<Json> json = Json::Parse(text);
  REQUIRE(json.ok());
  return *json;
}

std::string V2(const char* schema) { return ToV2Schema(Parsed(schema)).Dump(); }

TEST_CASE("v2 conversion removes the junctors Swagger 2.0 and kubectl cannot read") {
  CHECK(V2(R"({"type":"object","allOf":[{"required":["a"]}],"anyOf":[{"required":["b"]}],)"
           R"("oneOf":[{"required":["c"]}],"not":{"required":["d"]},"description":"x"})") ==
        R"({"description":"x","type":"object"})");
}

TEST_CASE("v2 conversion makes nullable nodes untyped and drops their structure") {
  CHECK(V2(R"({"type":"object","nullable":true,"properties":{"a":{"type":"string"}},)"
           R"("description":"kept","maxProperties":3})") ==
        R"({"description":"kept","maxProperties":3})");
  CHECK(V2(R"({"type":"array","nullable":true,"items":{"type":"string"}})") == "{}");
}

TEST_CASE("v2 conversion drops the structure under x-kubernetes-preserve-unknown-fields") {
  CHECK(V2(R"({"type":"object","x-kubernetes-preserve-unknown-fields":true,)"
           R"("properties":{"a":{"type":"string"}}})") ==
        R"({"x-kubernetes-preserve-unknown-fields":true})");
  // An array whose items are gone is left untyped too.
  CHECK(V2(R"({"type":"array","x-kubernetes-preserve-unknown-fields":true,)"
           R"("items":{"type":"string"}})") == R"({"x-kubernetes-preserve-unknown-fields":true})");
  CHECK(V2(R"({"type":"array"})") == "{}");
}

TEST_CASE("v2 conversion takes nullable properties out of required") {
  CHECK(
      V2(R"({"type":"object","required":["a","b","c"],"properties":{)"
         R"("a":{"type":"string"},"b":{"type":"string","nullable":true},"c":{"type":"integer"}}})") ==
      R"({"properties":{"a":{"type":"string"},"b":{},"c":{"type":"integer"}},)"
      R"("required":["a","c"],"type":"object"})");
  // Nothing left: required goes.
  CHECK(
      V2(R"({"type":"object","required":["b"],"properties":{"b":{"nullable":true,"type":"string"}}})") ==
      R"({"properties":{"b":{}},"type":"object"})");
  CHECK(
      V2(R"({"type":"object","required":["x"],"additionalProperties":{"type":"string","nullable":true}})") ==
      R"({"additionalProperties":{},"type":"object"})");
}

TEST_CASE("v2 conversion walks properties, items and additionalProperties") {
  CHECK(
      V2(R"({"type":"object","properties":{"spec":{"type":"object","properties":{)"
         R"("list":{"type":"array","items":{"type":"object","anyOf":[{"required":["x"]}],)"
         R"("properties":{"x":{"type":"string","nullable":true}}}},)"
         R"("map":{"type":"object","additionalProperties":{"type":"object","oneOf":[{}]}}}}}})") ==
      R"({"properties":{"spec":{"properties":{"list":{"items":{"properties":{"x":{}},)"
      R"("type":"object"},"type":"array"},"map":{"additionalProperties":{"type":"object"},)"
      R"("type":"object"}},"type":"object"}},"type":"object"})");
}

TEST_CASE("v2 conversion keeps value validations, defaults and kubernetes extensions") {
  const char* schema =
      R"({"default":{"a":1.5},"enum":["x","y"],"format":"int32","maximum":10,"minimum":0.5,)"
      R"("pattern":"^a","type":"integer","x-kubernetes-int-or-string":true,)"
      R"("x-kubernetes-validations":[{"rule":"self > 0"}]})";
  CHECK(V2(schema) == schema);
}

}  // namespace
}  // namespace kube::apiserver::openapi
