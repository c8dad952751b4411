#include "apiserver/customresource/schema/structural_check.h"

#include <catch2/catch.hpp>

#include "apiserver/customresource/schema/schema_test_util.h"

namespace kube::apiserver::crd_schema {
namespace {

using testing::Json;
using testing::Texts;
using Strings = std::vector<std::string>;

TEST_CASE("StructuralConversionError names what NewStructural cannot read") {
  CHECK_FALSE(StructuralConversionError(Json(R"({"type":"object"})")).has_value());
  CHECK(StructuralConversionError(Json(R"({"type":"object","properties":{"a":{"id":"x"}}})")) ==
        "OpenAPIV3Schema 'id' is not supported");
  CHECK(StructuralConversionError(Json(R"({"anyOf":[{"items":[{"type":"string"}]}]})")) ==
        "OpenAPIV3Schema 'items' must be a schema, but is an array");
  CHECK(StructuralConversionError(
            Json(R"({"type":"object","x-kubernetes-preserve-unknown-fields":false})")) ==
        "internal error: 'x-kubernetes-preserve-unknown-fields' must be true or undefined");
}

TEST_CASE("The int-or-string anyOf forms may carry types inside the junctor") {
  CHECK(Texts(CheckStructural(Json(R"({"type":"object","properties":{
      "a":{"x-kubernetes-int-or-string":true,"anyOf":[{"type":"integer"},{"type":"string"}]},
      "b":{"x-kubernetes-int-or-string":true,
           "allOf":[{"anyOf":[{"type":"integer"},{"type":"string"}]},{"pattern":"^[0-9]+%?$"}]},
      "c":{"x-kubernetes-int-or-string":true,"anyOf":[{"type":"string"},{"type":"integer"}]}}})"),
                              "s")) ==
        Strings{"s.properties[c].anyOf[0].type: Forbidden: must be empty to be structural",
                "s.properties[c].anyOf[1].type: Forbidden: must be empty to be structural"});
}

TEST_CASE("Embedded resources and metadata invariants") {
  CHECK(
      Texts(CheckStructural(Json(R"({"type":"object","properties":{
      "e":{"type":"object","x-kubernetes-embedded-resource":true,
           "additionalProperties":{"type":"string"},
           "properties":{"kind":{"type":"integer"},"metadata":{"type":"string"}}},
      "n":{"type":"object","properties":{"metadata":{"type":"string"}}}}})"),
                            "s")) ==
      Strings{
          R"(s.properties[e].additionalProperties: Forbidden: must not be used if x-kubernetes-embedded-resource is set)",
          R"(s.properties[e].properties[kind].type: Invalid value: "integer": must be string)",
          R"(s.properties[e].properties[metadata].type: Invalid value: "string": must be object)"});
}

}  // namespace
}  // namespace kube::apiserver::crd_schema
