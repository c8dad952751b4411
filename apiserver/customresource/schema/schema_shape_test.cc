#include "apiserver/customresource/schema/schema_shape.h"

#include <catch2/catch.hpp>

#include "apiserver/customresource/schema/schema_test_util.h"

namespace kube::apiserver::crd_schema {
namespace {

using testing::Json;

constexpr std::string_view kShapePath = "spec.versions[0].schema.openAPIV3Schema";

TEST_CASE("CheckSchemaShape rejects keywords JSONSchemaProps cannot decode") {
  CHECK(CheckSchemaShape(Json(R"({"type":"object","properties":{"a":{"type":"string",
      "maxLength":5,"enum":["x"],"default":{"any":"thing"},"items":[{"type":"string"}],
      "additionalProperties":true,"nullable":null}}})"),
                         kShapePath)
            .ok());
  absl::Status status = CheckSchemaShape(
      Json(R"({"type":"object","properties":{"a":{"maxLength":"5"}}})"), kShapePath);
  CHECK(status.code() == absl::StatusCode::kInvalidArgument);
  CHECK(status.message() ==
        "json: cannot unmarshal string into Go struct field JSONSchemaProps."
        "spec.versions[0].schema.openAPIV3Schema.properties.a.maxLength of type int64");
  CHECK(CheckSchemaShape(Json(R"({"type":"object","allOf":[{"minLength":1.5}]})"), kShapePath)
            .message() ==
        "json: cannot unmarshal number 1.5 into Go struct field JSONSchemaProps."
        "spec.versions[0].schema.openAPIV3Schema.allOf[0].minLength of type int64");
  CHECK(CheckSchemaShape(Json(R"({"type":1})"), kShapePath).message() ==
        "json: cannot unmarshal number into Go struct field JSONSchemaProps."
        "spec.versions[0].schema.openAPIV3Schema.type of type string");
}

TEST_CASE("DropUnknownSchemaFields removes what JSONSchemaProps does not have") {
  rapidjson::Document schema = Json(R"({"type":"object","xml":{},"properties":{
      "a":{"type":"string","readOnly":true,"default":{"readOnly":"kept: a value"}},
      "b":{"type":"array","items":{"type":"string","discriminator":"x"}}},
      "anyOf":[{"deprecated":true}]})");
  std::vector<std::string> dropped;
  DropUnknownSchemaFields(schema, kShapePath, &dropped);
  CHECK(dropped == std::vector<std::string>{
                       "spec.versions[0].schema.openAPIV3Schema.xml",
                       "spec.versions[0].schema.openAPIV3Schema.properties.a.readOnly",
                       "spec.versions[0].schema.openAPIV3Schema.properties.b.items.discriminator",
                       "spec.versions[0].schema.openAPIV3Schema.anyOf[0].deprecated"});
  CHECK(
      codec::WriteJson(schema) ==
      R"({"type":"object","properties":{"a":{"type":"string","default":{"readOnly":"kept: a value"}},)"
      R"("b":{"type":"array","items":{"type":"string"}}},"anyOf":[{}]})");
}

}  // namespace
}  // namespace kube::apiserver::crd_schema
