#include "common/jsonpath/print.h"

#include <catch2/catch.hpp>

#include "common/jsonpath/go_format.h"
#include "common/jsonpath/testing.h"

namespace kube::jsonpath {
namespace {

using testing::Json;
using testing::Run;

TEST_CASE("PrintResults writes strings bare and containers as Go's JSON", "[jsonpath]") {
  const rapidjson::Document doc = Json(R"({
    "mixed": [1, 1.5, "s", true, null, {"b": 1, "a": [2]}],
    "labels": {"tier": "fe", "app": "web"},
    "html": {"x": "<a&b>\u2028", "ctl": "t\tn\n\u0001"},
    "floats": [1e6, 1000000.5, 123456.0, 0.0001, 0.00001, 1e21, -2.5, 1.0],
    "big": 9223372036854775807,
    "huge": 18446744073709551615
  })");
  CHECK(Run("{.mixed[*]}", doc) == R"(1 1.5 s true null {"a":[2],"b":1})");
  CHECK(Run("{.mixed}", doc) == R"([1,1.5,"s",true,null,{"a":[2],"b":1}])");
  CHECK(Run("{.labels}", doc) == R"({"app":"web","tier":"fe"})");
  CHECK(Run("{.html.x}", doc) == "<a&b>\u2028");
  CHECK(Run("{.html}", doc) == R"({"ctl":"t\tn\n\u0001","x":"\u003ca\u0026b\u003e\u2028"})");
  // fmt.Print's float64 (%v) for scalars, encoding/json's inside containers.
  CHECK(Run("{.floats[*]}", doc) == "1e+06 1.0000005e+06 123456 0.0001 1e-05 1e+21 -2.5 1");
  CHECK(Run("{.floats}", doc) == "[1000000,1000000.5,123456,0.0001,0.00001,1e+21,-2.5,1]");
  CHECK(Run("{.big}", doc) == "9223372036854775807");
  CHECK(Run("{.huge}", doc) == "1.8446744073709552e+19");
}

TEST_CASE("PrintResults joins one action's values with spaces", "[jsonpath]") {
  const rapidjson::Document doc = Json(R"({"a": ["x", "y"], "n": null})");
  CHECK(PrintResults({}) == "");
  CHECK(PrintResults({&doc["a"][0], &doc["a"][1]}) == "x y");
  CHECK(PrintResults({&doc["n"]}) == "null");
  CHECK(ValueText(doc["a"]) == R"(["x","y"])");
  CHECK(Run("{.a[*]}{.a[0]}", doc) == "x yx");
  CHECK(Run("{.n}", doc) == "null");
}

TEST_CASE("Go's %v text of values, for messages", "[jsonpath]") {
  const rapidjson::Document doc = Json(R"({"b": [1, "x", null], "a": {"c": true}})");
  CHECK(GoValueText(doc) == "map[a:map[c:true] b:[1 x <nil>]]");
  CHECK(std::string(GoTypeName(doc)) == "map[string]interface {}");
  CHECK(std::string(GoTypeName(doc["b"])) == "[]interface {}");
  CHECK(GoFloatText(100) == "100");
  CHECK(GoFloatText(-0.000123) == "-0.000123");
  CHECK(GoFloatText(1e-7) == "1e-07");
  CHECK(GoFloatText(1e100) == "1e+100");
}

}  // namespace
}  // namespace kube::jsonpath
