#include "apiserver/customresource/schema/openapi_schema_check.h"

#include <catch2/catch.hpp>

#include "apiserver/customresource/schema/schema_test_util.h"

namespace kube::apiserver::crd_schema {
namespace {

using testing::Json;
using testing::Texts;
using Strings = std::vector<std::string>;

TEST_CASE("Defaults are forbidden in resource metadata, top-level and embedded") {
  CHECK(Texts(CheckOpenApiSchema(Json(R"({"type":"object","properties":{
      "kind":{"type":"string","default":"K"},
      "spec":{"type":"object","properties":{"t":{"type":"object",
          "x-kubernetes-embedded-resource":true,"properties":{
            "metadata":{"type":"object","properties":{"labels":{"type":"object",
              "additionalProperties":{"type":"string","default":"x"}},
              "name":{"type":"string","default":"n"}}},
            "spec":{"type":"object","x-kubernetes-embedded-resource":true,
                    "x-kubernetes-preserve-unknown-fields":true}}}}}}})"),
                                 "s")) ==
        Strings{"s.properties[kind].default: Forbidden: must not be set in top-level kind",
                "s.properties[spec].properties[t].properties[metadata].properties[labels]."
                "additionalProperties.default: Forbidden: must not be set inside "
                "additionalProperties applying to object metadata"});
}

TEST_CASE("Sets of objects must be atomic; map keys must be scalar properties") {
  CHECK(
      Texts(CheckOpenApiSchema(Json(R"({"type":"object","properties":{
      "s":{"type":"array","x-kubernetes-list-type":"set","items":{"type":"object"}},
      "m":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["o","o"],
           "items":{"type":"object","required":["o"],"properties":{"o":{"type":"object"}}}},
      "k":{"type":"array","x-kubernetes-list-map-keys":["a"],"items":{"type":"string"}}}})"),
                               "s")) ==
      Strings{
          "s.properties[s].items.x-kubernetes-map-type: Invalid value: null: must be atomic as "
          "item of a list with x-kubernetes-list-type=set",
          R"(s.properties[m].items.properties[o].type: Invalid value: "object": must be a scalar type if parent array's x-kubernetes-list-type is map)",
          R"(s.properties[m].items.properties[o].type: Invalid value: "object": must be a scalar type if parent array's x-kubernetes-list-type is map)",
          R"(s.properties[m].x-kubernetes-list-map-keys: Invalid value: []string{"o", "o"}: must not contain duplicate entries)",
          "s.properties[k].x-kubernetes-list-type: Required value: must be map if "
          "x-kubernetes-list-map-keys is non-empty"});
}

}  // namespace
}  // namespace kube::apiserver::crd_schema
