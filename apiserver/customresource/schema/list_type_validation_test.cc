#include "apiserver/customresource/schema/list_type_validation.h"

#include <catch2/catch.hpp>

#include "apiserver/customresource/schema/schema_test_util.h"

namespace kube::apiserver::crd_schema {
namespace {

using testing::Json;
using testing::Texts;
using Strings = std::vector<std::string>;

TEST_CASE("List-type set and map items must be unique") {
  rapidjson::Document schema = Json(R"({"type":"object","properties":{"spec":{"type":"object",
      "properties":{
        "names":{"type":"array","x-kubernetes-list-type":"set","items":{"type":"string"}},
        "ports":{"type":"array","x-kubernetes-list-type":"map",
                 "x-kubernetes-list-map-keys":["port","protocol"],
                 "items":{"type":"object","properties":{"port":{"type":"integer"},
                          "protocol":{"type":"string","default":"TCP"}}}},
        "byName":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],
                  "items":{"type":"object","properties":{"name":{"type":"string"}}}}}}}})");
  CHECK(
      Texts(ValidateListSetsAndMaps(schema, Json(R"({"spec":{
      "names":["a","b","a","a"],
      "ports":[{"port":80,"protocol":"TCP"},{"port":80,"protocol":"UDP"},{"protocol":"TCP","port":80}],
      "byName":[{"name":"x"},{},{"name":"x"},{}]}})"))) ==
      Strings{
          R"(spec.names[2]: Duplicate value: "a")",
          R"(spec.ports[2]: Duplicate value: map[string]interface {}{"port":80, "protocol":"TCP"})",
          R"(spec.byName[2]: Duplicate value: map[string]interface {}{"name":"x"})",
          R"(spec.byName[3]: Duplicate value: map[string]interface {}{})"});
  CHECK(
      Texts(ValidateListSetsAndMaps(schema, Json(R"({"spec":{"byName":["x"]}})"))) ==
      Strings{
          R"(spec.byName[0]: Invalid value: "x": must be an object for an array of list-type map)"});
}

TEST_CASE("Set items compare by Go type: 1 and 1.0 differ, objects by content") {
  rapidjson::Document schema = Json(R"({"type":"object","properties":{"s":{"type":"array",
      "x-kubernetes-list-type":"set","items":{"x-kubernetes-preserve-unknown-fields":true}}}})");
  CHECK(Texts(ValidateListSetsAndMaps(schema,
                                      Json(R"({"s":[1,1.0,{"a":1,"b":2},{"b":2,"a":1}]})"))) ==
        Strings{R"(s[3]: Duplicate value: map[string]interface {}{"a":1, "b":2})"});
}

TEST_CASE("additionalProperties values are walked with Key paths") {
  rapidjson::Document schema = Json(R"({"type":"object","properties":{"m":{"type":"object",
      "additionalProperties":{"type":"array","x-kubernetes-list-type":"set",
                              "items":{"type":"integer"}}}}})");
  CHECK(Texts(ValidateListSetsAndMaps(schema, Json(R"({"m":{"k":[1,2,1]}})"))) ==
        Strings{"m[k][2]: Duplicate value: 1"});
}

}  // namespace
}  // namespace kube::apiserver::crd_schema
