#include "apiserver/customresource/schema/patterns.h"

#include <catch2/catch.hpp>
#include <string>

#include "apiserver/customresource/schema/schema_test_util.h"

namespace kube::apiserver::crd_schema {
namespace {

using testing::Json;

TEST_CASE("SchemaPatterns compiles every pattern of the schema once") {
  rapidjson::Document schema = Json(R"({"type":"object","properties":{
      "a":{"type":"string","pattern":"^[a-z]+$"},
      "pattern":{"type":"object","properties":{"b":{"type":"string","pattern":"(x"}}},
      "c":{"type":"array","items":{"type":"string","pattern":"^[a-z]+$"}}},
      "anyOf":[{"properties":{"a":{"pattern":"^a"}}}]})");
  SchemaPatterns patterns(schema);
  REQUIRE(patterns.Find("^[a-z]+$") != nullptr);
  CHECK(patterns.Find("^a") != nullptr);
  CHECK(patterns.Find("(x") == nullptr);       // does not compile
  CHECK(patterns.Find("^other$") == nullptr);  // not in the schema
}

TEST_CASE("Matching is linear: a long input does not blow the stack") {
  rapidjson::Document schema = Json(R"({"pattern":"^(a|b)*c$"})");
  SchemaPatterns patterns(schema);
  std::string input(1 << 20, 'a');
  CHECK_FALSE(RE2::PartialMatch(input, *patterns.Find("^(a|b)*c$")));
}

TEST_CASE("PatternError reads as Go's regexp.Compile error") {
  CHECK(PatternError("^[a-z]+$").empty());
  CHECK(PatternError("a(b") == "error parsing regexp: missing closing ): `a(b`");
  CHECK(PatternError("[z-a]") == "error parsing regexp: invalid character class range: `z-a`");
  CHECK(PatternError("a**") == "error parsing regexp: invalid nested repetition operator: `**`");
  CHECK(PatternError("\\q") == "error parsing regexp: invalid escape sequence: `\\q`");
}

}  // namespace
}  // namespace kube::apiserver::crd_schema
