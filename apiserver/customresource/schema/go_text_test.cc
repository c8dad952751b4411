#include "apiserver/customresource/schema/go_text.h"

#include <catch2/catch.hpp>

#include "apiserver/customresource/schema/schema_test_util.h"

namespace kube::apiserver::crd_schema {
namespace {

using testing::Json;

TEST_CASE("GoFloat prints as fmt's %v does") {
  CHECK(GoFloat(10) == "10");
  CHECK(GoFloat(1.5) == "1.5");
  CHECK(GoFloat(-0.25) == "-0.25");
  CHECK(GoFloat(123456) == "123456");
  CHECK(GoFloat(1e6) == "1e+06");
  CHECK(GoFloat(1234567) == "1.234567e+06");
  CHECK(GoFloat(0.0001) == "0.0001");
  CHECK(GoFloat(0.00001) == "1e-05");
  CHECK(GoFloat(0) == "0");
}

TEST_CASE("GoErrorValue prints a bad value as field.Error does") {
  CHECK(GoErrorValue(Json(R"("pink")")) == R"("pink")");
  CHECK(GoErrorValue(Json("11")) == "11");
  CHECK(GoErrorValue(Json("2.5")) == "2.5");
  CHECK(GoErrorValue(Json("true")) == "true");
  CHECK(GoErrorValue(Json("null")) == "null");
  CHECK(GoErrorValue(Json(R"({"b":1,"a":"x","c":[true,null]})")) ==
        R"(map[string]interface {}{"a":"x", "b":1, "c":[]interface {}{true, interface {}(nil)}})");
}

TEST_CASE("OpenApiTypeOf names the type kube-openapi infers; 1.0 is a number") {
  CHECK(OpenApiTypeOf(Json("1")) == "integer");
  CHECK(OpenApiTypeOf(Json("1.0")) == "number");
  CHECK(OpenApiTypeOf(Json(R"("1")")) == "string");
  CHECK(OpenApiTypeOf(Json("false")) == "boolean");
  CHECK(OpenApiTypeOf(Json("{}")) == "object");
  CHECK(OpenApiTypeOf(Json("[]")) == "array");
}

}  // namespace
}  // namespace kube::apiserver::crd_schema
