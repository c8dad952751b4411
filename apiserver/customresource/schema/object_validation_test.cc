#include "apiserver/customresource/schema/object_validation.h"

#include <catch2/catch.hpp>

#include "apiserver/customresource/schema/schema_test_util.h"

namespace kube::apiserver::crd_schema {
namespace {

using testing::Json;
using testing::Texts;
using Strings = std::vector<std::string>;

// The CronTab of the Kubernetes docs' CRD walkthrough, with a few more constraints.
constexpr std::string_view kCronTabSchema = R"({
  "type": "object",
  "properties": {
    "metadata": {"type": "object"},
    "spec": {
      "type": "object",
      "required": ["cronSpec", "image"],
      "properties": {
        "cronSpec": {"type": "string", "pattern": "^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$"},
        "image": {"type": "string", "minLength": 3, "maxLength": 20},
        "replicas": {"type": "integer", "minimum": 1, "maximum": 10},
        "color": {"type": "string", "enum": ["red", "blue"]},
        "ratio": {"type": "number", "exclusiveMaximum": true, "maximum": 1.5, "multipleOf": 0.25},
        "tags": {"type": "array", "maxItems": 2, "minItems": 1, "items": {"type": "string"}},
        "labels": {"type": "object", "maxProperties": 1,
                   "additionalProperties": {"type": "string", "maxLength": 3}},
        "port": {"x-kubernetes-int-or-string": true},
        "note": {"type": "string", "nullable": true},
        "started": {"type": "string", "format": "date-time"},
        "id": {"type": "string", "format": "uuid"},
        "count": {"type": "integer", "format": "int32"}
      }
    }
  }
})";

Strings Validate(std::string_view object) {
  rapidjson::Document schema = Json(kCronTabSchema);
  return Texts(ValidateObject(schema, Json(object)));
}

TEST_CASE("A valid CronTab has no errors") {
  CHECK(Validate(R"({"apiVersion":"stable.example.com/v1","kind":"CronTab",
      "metadata":{"name":"a"},
      "spec":{"cronSpec":"* * * * */5","image":"my-image","replicas":3,"color":"red",
              "ratio":0.5,"tags":["a"],"labels":{"a":"b"},"port":"http","note":null,
              "started":"2024-01-02T03:04:05Z","id":"123e4567-e89b-12d3-a456-426614174000",
              "count":5}})")
            .empty());
}

TEST_CASE("Custom resource errors read as upstream prints them") {
  CHECK(
      Validate(R"({"spec":{"cronSpec":"* * * *","image":"my-image","replicas":11}})") ==
      Strings{
          R"(spec.cronSpec: Invalid value: "* * * *": spec.cronSpec in body should match '^(\d+|\*)(/\d+)?(\s+(\d+|\*)(/\d+)?){4}$')",
          "spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to "
          "10"});
  CHECK(Validate(R"({"spec":{"image":"my-image","replicas":0,"color":"pink"}})") ==
        Strings{"spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or "
                "equal to 1",
                R"(spec.color: Unsupported value: "pink": supported values: "red", "blue")",
                "spec.cronSpec: Required value"});
  CHECK(
      Validate(R"({"spec":{"cronSpec":"1 2 3 4 5","image":"ab","replicas":"string"}})") ==
      Strings{
          R"(spec.image: Invalid value: "ab": spec.image in body should be at least 3 chars long)",
          R"(spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string")"});
  CHECK(Validate(R"({"spec":{"cronSpec":"1 2 3 4 5","image":"abcdefghijklmnopqrstu"}})") ==
        Strings{"spec.image: Too long: must have at most 20 bytes"});
  CHECK(Validate(R"({})").empty());
  CHECK(Validate(R"({"spec":{}})") ==
        Strings{"spec.cronSpec: Required value", "spec.image: Required value"});
}

TEST_CASE("Numbers: exclusive bounds, multipleOf, floats for integers, int32") {
  CHECK(Validate(R"({"spec":{"cronSpec":"1 2 3 4 5","image":"img","ratio":1.5}})") ==
        Strings{"spec.ratio: Invalid value: 1.5: spec.ratio in body should be less than 1.5"});
  CHECK(Validate(R"({"spec":{"cronSpec":"1 2 3 4 5","image":"img","ratio":0.3}})") ==
        Strings{"spec.ratio: Invalid value: 0.3: spec.ratio in body should be a multiple of 0.25"});
  // 1.0 is a float64 that is an integer: an integer schema accepts it.
  CHECK(Validate(R"({"spec":{"cronSpec":"1 2 3 4 5","image":"img","replicas":2.0}})").empty());
  // 2.5 fails the type and, as upstream, the range check of the integer type.
  CHECK(
      Validate(R"({"spec":{"cronSpec":"1 2 3 4 5","image":"img","replicas":2.5}})") ==
      Strings{
          R"(spec.replicas: Invalid value: "number": spec.replicas in body must be of type integer: "number")",
          R"(<nil>: Invalid value: "": Checked value must be of type integer (default format) in spec.replicas)"});
  CHECK(
      Validate(R"({"spec":{"cronSpec":"1 2 3 4 5","image":"img","count":3000000000}})") ==
      Strings{
          R"(<nil>: Invalid value: "": Checked value must be of type integer with format int32 in spec.count)"});
}

TEST_CASE("Arrays, maps and int-or-string") {
  CHECK(
      Validate(R"({"spec":{"cronSpec":"1 2 3 4 5","image":"img","tags":["a","b",3]}})") ==
      Strings{
          R"(spec.tags[2]: Invalid value: "integer": spec.tags[2] in body must be of type string: "integer")",
          "spec.tags: Too many: 3: must have at most 2 items"});
  CHECK(Validate(R"({"spec":{"cronSpec":"1 2 3 4 5","image":"img","tags":[]}})") ==
        Strings{"spec.tags: Invalid value: 0: spec.tags in body should have at least 1 items"});
  CHECK(Validate(
            R"({"spec":{"cronSpec":"1 2 3 4 5","image":"img","labels":{"a":"long","b":"x"}}})") ==
        Strings{"spec.labels: Too many: 2: must have at most 1 item",
                "spec.labels.a: Too long: must have at most 3 bytes"});
  CHECK(Validate(R"({"spec":{"cronSpec":"1 2 3 4 5","image":"img","port":8080}})").empty());
  CHECK(
      Validate(R"({"spec":{"cronSpec":"1 2 3 4 5","image":"img","port":true}})") ==
      Strings{
          R"(spec.port: Invalid value: "boolean": spec.port in body must be of type integer,string: "boolean")"});
}

TEST_CASE("Null is an error unless nullable") {
  CHECK(
      Validate(R"({"spec":{"cronSpec":"1 2 3 4 5","image":null,"note":null}})") ==
      Strings{
          R"(spec.image: Invalid value: "null": spec.image in body must be of type string: "null")"});
}

TEST_CASE("Formats: date-time, uuid") {
  CHECK(
      Validate(R"({"spec":{"cronSpec":"1 2 3 4 5","image":"img","started":"yesterday",
                     "id":"not-a-uuid"}})") ==
      Strings{
          R"(spec.started: Invalid value: "yesterday": spec.started in body must be of type date-time: "yesterday")",
          R"(spec.id: Invalid value: "not-a-uuid": spec.id in body must be of type uuid: "not-a-uuid")"});
}

TEST_CASE("The status schema validates under the status path") {
  rapidjson::Document schema =
      Json(R"({"type":"object","properties":{"num":{"type":"integer","maximum":10}}})");
  CHECK(Texts(ValidateAgainstSchema(schema, Json(R"({"num":15})"), "status")) ==
        Strings{"status.num: Invalid value: 15: num in body should be less than or equal to 10"});
}

TEST_CASE("anyOf, oneOf, allOf and not report as kube-openapi does") {
  rapidjson::Document schema = Json(R"({"type":"object","properties":{"spec":{
      "type":"object",
      "properties":{"a":{"type":"string"},"b":{"type":"string"},"n":{"type":"integer"}},
      "anyOf":[{"required":["a"]},{"required":["b"]}],
      "oneOf":[{"properties":{"n":{"minimum":5}}},{"properties":{"n":{"maximum":7}}}],
      "not":{"required":["a","b"]}}}})");
  CHECK(Texts(ValidateObject(schema, Json(R"({"spec":{"a":"x","n":1}})"))).empty());
  CHECK(
      Texts(ValidateObject(schema, Json(R"({"spec":{"n":6}})"))) ==
      Strings{
          R"(<nil>: Invalid value: "": "spec" must validate at least one schema (anyOf))",
          "spec.a: Required value",
          R"(<nil>: Invalid value: "": "spec" must validate one and only one schema (oneOf). Found 2 valid alternatives)"});
  CHECK(Texts(ValidateObject(schema, Json(R"({"spec":{"a":"x","b":"y","n":9}})"))) ==
        Strings{R"(<nil>: Invalid value: "": "spec" must not validate the schema (not))"});
  rapidjson::Document all_of = Json(R"({"type":"object","properties":{"n":{"type":"integer",
      "allOf":[{"minimum":1},{"maximum":3}]}}})");
  CHECK(Texts(ValidateObject(all_of, Json(R"({"n":5})"))) ==
        Strings{"n: Invalid value: 5: n in body should be less than or equal to 3",
                R"(<nil>: Invalid value: "": "n" must validate all the schemas (allOf))"});
}

TEST_CASE("Embedded resources: their schema, then apiVersion/kind/metadata checks") {
  rapidjson::Document schema = Json(R"({"type":"object","properties":{"template":{
      "type":"object","x-kubernetes-embedded-resource":true,
      "properties":{"apiVersion":{"type":"string"},"kind":{"type":"string"},
                    "metadata":{"type":"object"}}}}})");
  CHECK(
      Texts(ValidateObject(schema, Json(R"({"template":{"kind":1,"metadata":"x"}})"))) ==
      Strings{
          R"(template.kind: Invalid value: "integer": template.kind in body must be of type string: "integer")",
          R"(template.metadata: Invalid value: "string": template.metadata in body must be of type object: "string")",
          "template.apiVersion: Required value",
          "template.kind: Invalid value: 1: must be a string"});
}

TEST_CASE("ValidateObject adds the list-type uniqueness errors after the schema's") {
  rapidjson::Document schema = Json(R"({"type":"object","properties":{"names":{"type":"array",
      "maxItems":2,"x-kubernetes-list-type":"set","items":{"type":"string"}}}})");
  CHECK(Texts(ValidateObject(schema, Json(R"({"names":["a","a","b"]})"))) ==
        Strings{"names: Too many: 3: must have at most 2 items",
                R"(names[1]: Duplicate value: "a")"});
}

TEST_CASE("Patterns use Go's regexp syntax and are compiled once per schema") {
  rapidjson::Document schema = Json(R"({"type":"object","properties":{
      "a":{"type":"string","pattern":"^\\p{Lu}[a-z]+\\z"},"b":{"type":"string","pattern":"(a"}}})");
  SchemaPatterns patterns(schema);
  CHECK(Texts(ValidateObject(schema, Json(R"({"a":"Hello"})"), &patterns)).empty());
  CHECK(
      Texts(ValidateObject(schema, Json(R"({"a":"hello","b":"a"})"), &patterns)) ==
      Strings{
          R"(a: Invalid value: "hello": a in body should match '^\p{Lu}[a-z]+\z')",
          R"(b: Invalid value: "a": b in body should match '(a, but pattern is invalid: error parsing regexp: missing closing ): `(a`')"});
}

}  // namespace
}  // namespace kube::apiserver::crd_schema
