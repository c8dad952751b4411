#include "common/jsonpath/evaluate.h"

#include <catch2/catch.hpp>

#include "common/jsonpath/testing.h"

namespace kube::jsonpath {
namespace {

using testing::Json;
using testing::Run;

constexpr char kList[] = R"({
  "kind": "List",
  "items": [
    {"metadata": {"name": "web", "labels": {"tier": "fe", "app": "web"}},
     "spec": {"replicas": 3, "ratio": 0.5},
     "status": {"conditions": [{"type": "Ready", "status": "True"},
                               {"type": "Issuing", "status": "False"}]}},
    {"metadata": {"name": "db"},
     "spec": {"replicas": 1},
     "status": {"conditions": [{"type": "Ready", "status": "False", "reason": "Pending"}]}}
  ],
  "data": {"db.conf": "x", "dbdotconf": "y"},
  "numbers": [1, 2, 3, 4, 5],
  "mixed": [1, 1.5, "s", true, null, {"b": 1, "a": [2]}],
  "nothing": null
})";

TEST_CASE("JSONPath selects fields, indexes and slices", "[jsonpath]") {
  const rapidjson::Document doc = Json(kList);
  CHECK(Run("{.kind}", doc) == "List");
  CHECK(Run("{$.kind}", doc) == "List");
  CHECK(Run("{.items[*].metadata.name}", doc) == "web db");
  CHECK(Run("{.items[0].metadata.name}", doc) == "web");
  CHECK(Run("{.items[-1].metadata.name}", doc) == "db");
  CHECK(Run("{.items[0]['metadata']['name']}", doc) == "web");
  CHECK(Run("{.numbers[1:3]}", doc) == "2 3");
  CHECK(Run("{.numbers[:2]}", doc) == "1 2");
  CHECK(Run("{.numbers[-2:]}", doc) == "4 5");
  CHECK(Run("{.numbers[::2]}", doc) == "1 3 5");
  CHECK(Run("{.numbers[1:5:3]}", doc) == "2 5");
  CHECK(Run("{.numbers[2:2]}", doc) == "");
  CHECK(Run("{.numbers[]}", doc) == "1");
  CHECK(Run("{.numbers[0,2,-1]}", doc) == "1 3 5");
  CHECK(Run("{.items[0].metadata['name','labels']}", doc) == R"(web {"app":"web","tier":"fe"})");
  CHECK(Run("{.items[0].spec.*}", doc) == "3 0.5");
  CHECK(Run("name={.items[0].metadata.name} replicas={.items[0].spec.replicas}", doc) ==
        "name=web replicas=3");
}

TEST_CASE("JSONPath filters compare as Go's templates do", "[jsonpath]") {
  const rapidjson::Document doc = Json(kList);
  // cert-manager's READY column, and the same with single quotes and spaces.
  CHECK(Run(R"({.items[0].status.conditions[?(@.type=="Ready")].status})", doc) == "True");
  CHECK(Run("{.items[*].status.conditions[?(@.type=='Ready')].status}", doc) == "True False");
  CHECK(Run(R"({.items[*].status.conditions[?(@.type == "Ready")].status})", doc) == "True False");
  CHECK(Run(R"({.items[0].status.conditions[?(@.type!="Ready")].type})", doc) == "Issuing");
  CHECK(Run(R"({.items[?(@.metadata.name=="db")].spec.replicas})", doc) == "1");
  CHECK(Run("{.numbers[?(@>3)]}", doc) == "4 5");
  CHECK(Run("{.numbers[?(@>=4)]}", doc) == "4 5");
  CHECK(Run("{.numbers[?(@<2)]}", doc) == "1");
  CHECK(Run("{.numbers[?(@<=2)]}", doc) == "1 2");
  CHECK(Run("{.items[?(@.spec.replicas>1)].metadata.name}", doc) == "web");
  // Existence: present keys, whatever their value.
  CHECK(Run("{.items[*].status.conditions[?(@.reason)].type}", doc) == "Ready");
  CHECK(Run("{.items[?(@.spec.ratio)].metadata.name}", doc) == "web");
  // int64 and float64 never compare; nor do strings and bools.
  CHECK(Run("{.numbers[?(@==1.0)]}", doc) == "error: incompatible types for comparison");
  CHECK(Run("{.items[0].status.conditions[?(@.type==true)]}", doc) ==
        "error: incompatible types for comparison");
  CHECK(Run("{.mixed[?(@==1)]}", doc) == "error: incompatible types for comparison");
  CHECK(Run("{.items[?(@.spec.ratio>=0.5)].metadata.name}", doc) == "error: ratio is not found");
  CHECK(Run("{.items[?(@.spec.ratio>=0.5)].metadata.name}", doc, true) == "web");
  CHECK(Run("{.items[?(@.metadata>1)]}", doc) == "error: invalid type for comparison");
  CHECK(Run("{.items[?(@.metadata.name=1)]}", doc) == "error: unrecognized filter operator =");
  CHECK(Run("{.kind[?(@.x)]}", doc) == "error: List is not array or slice and cannot be filtered");
}

TEST_CASE("JSONPath recursive descent visits containers in document order", "[jsonpath]") {
  const rapidjson::Document doc = Json(kList);
  CHECK(Run("{..name}", doc) == "web db");
  CHECK(Run("{..replicas}", doc) == "3 1");
  CHECK(Run("{.items[1]..type}", doc) == "Ready");
  CHECK(Run("{..status}", doc) == R"({"conditions":[{"status":"True","type":"Ready"},)"
                                  R"({"status":"False","type":"Issuing"}]} True False )"
                                  R"({"conditions":[{"reason":"Pending","status":"False",)"
                                  R"("type":"Ready"}]} False)");
}

TEST_CASE("JSONPath keys with dots need escaping, as upstream", "[jsonpath]") {
  const rapidjson::Document doc = Json(kList);
  CHECK(Run("{.data['db.conf']}", doc) == "error: db is not found");
  CHECK(Run("{.data['db\\.conf']}", doc) == "x");
  CHECK(Run("{.data.db\\.conf}", doc) == "x");
  CHECK(Run("{.data['dbdotconf']}", doc) == "y");
}

TEST_CASE("JSONPath evaluation errors and missing keys", "[jsonpath]") {
  const rapidjson::Document doc = Json(kList);
  CHECK(Run("{.missing}", doc) == "error: missing is not found");
  CHECK(Run("{.missing}", doc, true) == "");
  CHECK(Run("{.items[*].spec.ratio}", doc) == "0.5");
  CHECK(Run("{.nothing.x}", doc) == "error: x is not found");
  CHECK(Run("{.nothing[0]}", doc) == "");
  CHECK(Run("{.numbers[5]}", doc) == "error: array index out of bounds: index 5, length 5");
  CHECK(Run("{.numbers[-6]}", doc) == "error: array index out of bounds: index -1, length 5");
  CHECK(Run("{.numbers[1:9]}", doc) == "error: array index out of bounds: index 8, length 5");
  CHECK(Run("{.numbers[3:1]}", doc) == "error: starting index 3 is greater than ending index 1");
  CHECK(Run("{.numbers[::0]}", doc) == "error: step must be > 0");
  CHECK(Run("{.kind[0]}", doc) == "error: string is not array or slice");
  CHECK(Run("{.items[0].metadata[0]}", doc) ==
        "error: map[string]interface {} is not array or slice");
  CHECK(Run("{foo}", doc) == "error: unrecognized identifier foo");
  absl::StatusOr<Template> range = Parse("{range .items[*]}{.metadata.name}{end}");
  REQUIRE(range.ok());
  CHECK(FindResults(*range, doc).status().code() == absl::StatusCode::kUnimplemented);
}

TEST_CASE("JSONPath results point into the document and the template", "[jsonpath]") {
  const rapidjson::Document doc = Json(kList);
  absl::StatusOr<Template> parsed = Parse("{.items[1].metadata.name} and {.numbers[0]}");
  REQUIRE(parsed.ok());
  absl::StatusOr<std::vector<Values>> results = FindResults(*parsed, doc);
  REQUIRE(results.ok());
  REQUIRE(results->size() == 3);
  REQUIRE((*results)[0].size() == 1);
  CHECK((*results)[0][0] == &doc["items"][1]["metadata"]["name"]);
  REQUIRE((*results)[1].size() == 1);
  CHECK((*results)[1][0]->GetString() == std::string(" and "));
  CHECK((*results)[2][0] == &doc["numbers"][0]);
}

}  // namespace
}  // namespace kube::jsonpath
