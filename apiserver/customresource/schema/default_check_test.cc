#include "apiserver/customresource/schema/default_check.h"

#include <catch2/catch.hpp>

#include "apiserver/customresource/schema/schema_test_util.h"

namespace kube::apiserver::crd_schema {
namespace {

using testing::Json;
using testing::Texts;
using Strings = std::vector<std::string>;

TEST_CASE("Defaults validate against their node, items and nested properties included") {
  CHECK(
      Texts(CheckDefaults(Json(R"({"type":"object","properties":{
      "list":{"type":"array","items":{"type":"object","properties":{
          "name":{"type":"string","pattern":"^[a-z]+$","default":"Upper"}}}},
      "obj":{"type":"object","properties":{"n":{"type":"integer","minimum":0}},
             "default":{"n":-1}}}})"),
                          "root")) ==
      Strings{
          R"(root.properties[list].items.properties[name].default: Invalid value: "Upper":  in body should match '^[a-z]+$')",
          "root.properties[obj].default.n: Invalid value: -1: n in body should be greater than or "
          "equal to 0"});
}

TEST_CASE("An int-or-string node is untyped when its default is validated, as upstream's") {
  CHECK(CheckDefaults(Json(R"({"type":"object","properties":{
      "port":{"x-kubernetes-int-or-string":true,"default":true}}})"),
                      "root")
            .empty());
}

TEST_CASE("Defaults inside an embedded resource's metadata are not pruning-checked") {
  CHECK(CheckDefaults(Json(R"({"type":"object","properties":{"t":{"type":"object",
      "x-kubernetes-embedded-resource":true,"x-kubernetes-preserve-unknown-fields":true,
      "properties":{"metadata":{"type":"object","default":{"labels":{"a":"b"}}}}}}})"),
                      "root")
            .empty());
}

}  // namespace
}  // namespace kube::apiserver::crd_schema
