#include "apiserver/customresource/schema/json_compare.h"

#include <catch2/catch.hpp>

#include "apiserver/customresource/schema/schema_test_util.h"

namespace kube::apiserver::crd_schema {
namespace {

using testing::Json;

TEST_CASE("JsonEqual compares deeply, numbers by value") {
  CHECK(JsonEqual(Json(R"({"a":[1,"x",null],"b":{"c":true}})"),
                  Json(R"({"b":{"c":true},"a":[1.0,"x",null]})")));
  CHECK_FALSE(JsonEqual(Json(R"({"a":1})"), Json(R"({"a":1,"b":2})")));
  CHECK_FALSE(JsonEqual(Json(R"("1")"), Json("1")));
}

TEST_CASE("SetKey tells Go's int64 from float64 and ignores object key order") {
  CHECK(SetKey(Json("1")) != SetKey(Json("1.0")));
  CHECK(SetKey(Json(R"("1")")) != SetKey(Json("1")));
  CHECK(SetKey(Json(R"({"a":1,"b":[2]})")) == SetKey(Json(R"({"b":[2],"a":1})")));
  CHECK(SetKey(Json("null")) != SetKey(Json("false")));
}

}  // namespace
}  // namespace kube::apiserver::crd_schema
