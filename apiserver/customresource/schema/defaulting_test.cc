#include "apiserver/customresource/schema/defaulting.h"

#include <catch2/catch.hpp>

#include "apiserver/customresource/schema/schema_test_util.h"

namespace kube::apiserver::crd_schema {
namespace {

using testing::Json;

std::string Defaulted(std::string_view schema_text, std::string_view object_text) {
  rapidjson::Document schema = Json(schema_text);
  rapidjson::Document object = Json(object_text);
  ApplyDefaults(schema, object, object.GetAllocator());
  return codec::WriteJson(object);
}

constexpr std::string_view kSchema = R"({"type":"object","properties":{"spec":{
  "type":"object",
  "default":{},
  "properties":{
    "replicas":{"type":"integer","default":1},
    "strategy":{"type":"object","default":{"type":"RollingUpdate"},
                "properties":{"type":{"type":"string"},"maxSurge":{"type":"integer","default":25}}},
    "note":{"type":"string","nullable":true,"default":"n"},
    "ports":{"type":"array","items":{"type":"object","default":{"port":80},
             "properties":{"port":{"type":"integer"},"protocol":{"type":"string","default":"TCP"}}}},
    "limits":{"type":"object","additionalProperties":{"type":"object",
              "properties":{"unit":{"type":"string","default":"Mi"}}}}
  }}}})";

TEST_CASE("Defaults fill missing properties recursively, inside defaults too") {
  CHECK(Defaulted(kSchema, R"({})") ==
        R"({"spec":{"replicas":1,"strategy":{"type":"RollingUpdate","maxSurge":25},"note":"n"}})");
  CHECK(Defaulted(kSchema, R"({"spec":{"replicas":3,"strategy":{"type":"Recreate"}}})") ==
        R"({"spec":{"replicas":3,"strategy":{"type":"Recreate","maxSurge":25},"note":"n"}})");
}

TEST_CASE("Defaults apply in array items and additionalProperties values") {
  CHECK(Defaulted(kSchema, R"({"spec":{"ports":[{"port":443},null],"limits":{"memory":{}}}})") ==
        R"({"spec":{"ports":[{"port":443,"protocol":"TCP"},{"port":80,"protocol":"TCP"}],)"
        R"("limits":{"memory":{"unit":"Mi"}},"replicas":1,)"
        R"("strategy":{"type":"RollingUpdate","maxSurge":25},"note":"n"}})");
}

TEST_CASE("A null replaces by the default unless the field is nullable") {
  CHECK(Defaulted(kSchema, R"({"spec":{"replicas":null,"note":null}})") ==
        R"({"spec":{"replicas":1,"note":null,"strategy":{"type":"RollingUpdate","maxSurge":25}}})");
}

}  // namespace
}  // namespace kube::apiserver::crd_schema
