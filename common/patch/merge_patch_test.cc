#include <catch2/catch.hpp>

#include "common/patch/patch.h"
#include "common/patch/test_util.h"

namespace kube::patch {
namespace {

using testing::Json;
using testing::SameJson;
using testing::Text;

// The examples of RFC 7386, appendix A.
TEST_CASE("ApplyMergePatch follows the RFC 7386 examples", "[patch][merge]") {
  struct Case {
    const char* original;
    const char* patch;
    const char* result;
  };
  const Case cases[] = {
      {R"({"a":"b"})", R"({"a":"c"})", R"({"a":"c"})"},
      {R"({"a":"b"})", R"({"b":"c"})", R"({"a":"b","b":"c"})"},
      {R"({"a":"b"})", R"({"a":null})", R"({})"},
      {R"({"a":"b","b":"c"})", R"({"a":null})", R"({"b":"c"})"},
      {R"({"a":["b"]})", R"({"a":"c"})", R"({"a":"c"})"},
      {R"({"a":"c"})", R"({"a":["b"]})", R"({"a":["b"]})"},
      {R"({"a":{"b":"c"}})", R"({"a":{"b":"d","c":null}})", R"({"a":{"b":"d"}})"},
      {R"({"a":[{"b":"c"}]})", R"({"a":[1]})", R"({"a":[1]})"},
      {R"(["a","b"])", R"(["c","d"])", R"(["c","d"])"},
      {R"({"a":"b"})", R"(["c"])", R"(["c"])"},
      {R"({"a":"foo"})", R"(null)", R"(null)"},
      {R"({"a":"foo"})", R"("bar")", R"("bar")"},
      {R"({"e":null})", R"({"a":1})", R"({"e":null,"a":1})"},
      {R"([1,2])", R"({"a":"b","c":null})", R"({"a":"b"})"},
      {R"({})", R"({"a":{"bb":{"ccc":null}}})", R"({"a":{"bb":{}}})"},
  };
  for (const Case& c : cases) {
    rapidjson::Document doc = Json(c.original);
    REQUIRE(ApplyMergePatch(doc, Json(c.patch)).ok());
    INFO(c.original << " + " << c.patch << " = " << Text(doc));
    CHECK(SameJson(doc, c.result));
  }
}

TEST_CASE("ApplyMergePatch handles kubectl label and scale bodies", "[patch][merge]") {
  rapidjson::Document pod = Json(
      R"({"kind":"Pod","apiVersion":"v1","metadata":{"name":"p","labels":{"a":"1","b":"2"}}})");
  REQUIRE(ApplyMergePatch(pod, Json(R"({"metadata":{"labels":{"a":null,"c":"3"}}})")).ok());
  CHECK(SameJson(pod, R"({"kind":"Pod","apiVersion":"v1","metadata":{"name":"p","labels":{"b":"2","c":"3"}}})"));

  rapidjson::Document scale = Json(R"({"spec":{"replicas":1},"status":{"replicas":1}})");
  REQUIRE(ApplyMergePatch(scale, Json(R"({"spec":{"replicas":3}})")).ok());
  CHECK(SameJson(scale, R"({"spec":{"replicas":3},"status":{"replicas":1}})"));
}

TEST_CASE("ApplyMergePatch refuses nesting past the bound", "[patch][merge]") {
  std::string deep;
  for (int i = 0; i < 120; ++i) deep += R"({"a":)";
  deep += "1";
  for (int i = 0; i < 120; ++i) deep += "}";
  rapidjson::Document patch;
  patch.SetObject();
  // Build the deep value by hand: the parser itself refuses it.
  rapidjson::Value* at = &patch;
  for (int i = 0; i < 120; ++i) {
    at->AddMember("a", rapidjson::Value(rapidjson::kObjectType), patch.GetAllocator());
    at = &(*at)["a"];
  }
  rapidjson::Document doc = Json(R"({"x":1})");
  absl::Status status = ApplyMergePatch(doc, patch);
  CHECK(status.code() == absl::StatusCode::kInvalidArgument);
  CHECK(SameJson(doc, R"({"x":1})"));
}

}  // namespace
}  // namespace kube::patch
