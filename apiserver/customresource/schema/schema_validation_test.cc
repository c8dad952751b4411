#include "apiserver/customresource/schema/schema_validation.h"

#include <catch2/catch.hpp>

#include "apiserver/customresource/schema/schema_test_util.h"

namespace kube::apiserver::crd_schema {
namespace {

using testing::Json;
using testing::Texts;
using Strings = std::vector<std::string>;

constexpr std::string_view kPath = "spec.versions[0].schema.openAPIV3Schema";

Strings Check(std::string_view schema) {
  return Texts(ValidateStructuralSchema(Json(schema), kPath));
}

TEST_CASE("Real CRD schemas are accepted") {
  // The Kubernetes docs' CronTab.
  CHECK(Check(R"({"type":"object","properties":{"spec":{"type":"object","properties":{
      "cronSpec":{"type":"string","pattern":"^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$"},
      "image":{"type":"string"},"replicas":{"type":"integer","minimum":1,"maximum":10,"default":1}}}}})")
            .empty());
  // cert-manager's shapes: int-or-string, additionalProperties maps, list-type map,
  // embedded resources, preserve-unknown-fields, metadata restricting name only.
  CHECK(Check(R"({"type":"object","description":"A Certificate",
      "properties":{
        "apiVersion":{"type":"string"},"kind":{"type":"string"},
        "metadata":{"type":"object","properties":{"name":{"type":"string","maxLength":63}}},
        "spec":{"type":"object","required":["secretName"],"properties":{
          "secretName":{"type":"string"},
          "port":{"anyOf":[{"type":"integer"},{"type":"string"}],"x-kubernetes-int-or-string":true},
          "labels":{"type":"object","additionalProperties":{"type":"string"}},
          "ports":{"type":"array","x-kubernetes-list-type":"map",
                   "x-kubernetes-list-map-keys":["port","protocol"],
                   "items":{"type":"object","required":["port"],"properties":{
                     "port":{"type":"integer"},"protocol":{"type":"string","default":"TCP"}}}},
          "names":{"type":"array","x-kubernetes-list-type":"set","items":{"type":"string"}},
          "template":{"type":"object","x-kubernetes-embedded-resource":true,
                      "x-kubernetes-preserve-unknown-fields":true},
          "config":{"type":"object","x-kubernetes-preserve-unknown-fields":true},
          "mode":{"type":"string","enum":["A","B"],"default":"A"}},
          "x-kubernetes-validations":[{"rule":"self.secretName != ''","message":"required"}],
          "oneOf":[{"required":["secretName"]},{"required":["port"]}]},
        "status":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}})")
            .empty());
}

TEST_CASE("Structural rules: types, junctors, items, metadata") {
  CHECK(Check(R"({"type":"object","properties":{"spec":{"properties":{"a":{"type":"string"}}},
      "list":{"type":"array"},"objs":{"type":"array","items":{}}}})") ==
        Strings{"spec.versions[0].schema.openAPIV3Schema.properties[list].items: Required value: "
                "must be specified",
                "spec.versions[0].schema.openAPIV3Schema.properties[objs].items.type: Required "
                "value: must not be empty for specified array items",
                "spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: "
                "must not be empty for specified object fields"});
  CHECK(Check(R"({"type":"object","properties":{"spec":{"type":"object",
      "properties":{"a":{"type":"string"}},
      "anyOf":[{"type":"object","description":"d","nullable":true,"default":{},
                "properties":{"a":{"x-kubernetes-preserve-unknown-fields":true}}}]}}})") ==
        Strings{"spec.versions[0].schema.openAPIV3Schema.properties[spec].anyOf[0].default: "
                "Forbidden: must be undefined to be structural",
                "spec.versions[0].schema.openAPIV3Schema.properties[spec].anyOf[0].description: "
                "Forbidden: must be empty to be structural",
                "spec.versions[0].schema.openAPIV3Schema.properties[spec].anyOf[0].nullable: "
                "Forbidden: must be false to be structural",
                "spec.versions[0].schema.openAPIV3Schema.properties[spec].anyOf[0].properties[a].x-"
                "kubernetes-preserve-unknown-fields: Forbidden: must be false to be structural",
                "spec.versions[0].schema.openAPIV3Schema.properties[spec].anyOf[0].type: "
                "Forbidden: must be empty to be structural"});
  CHECK(
      Check(R"({"type":"array","items":{"type":"string"}})") ==
      Strings{
          R"(spec.versions[0].schema.openAPIV3Schema.type: Invalid value: "array": must be object at the root)"});
  CHECK(Check(R"({"type":"object","properties":{"metadata":{"type":"object",
      "properties":{"name":{"type":"string"},"labels":{"type":"object"}}}}})") ==
        Strings{"spec.versions[0].schema.openAPIV3Schema.properties[metadata]: Forbidden: must not "
                "specify anything other than name and generateName, but metadata is implicitly "
                "specified"});
  CHECK(Check(R"({"type":"object","properties":{"a":{"type":"string"}},
      "allOf":[{"properties":{"b":{"minLength":1}}}]})") ==
        Strings{"spec.versions[0].schema.openAPIV3Schema.properties[b]: Required value: because it "
                "is defined in spec.versions[0].schema.openAPIV3Schema.allOf[0].properties[b]"});
  CHECK(
      Check(
          R"({"type":"object","properties":{"e":{"type":"string","x-kubernetes-embedded-resource":true}}})") ==
      Strings{
          R"(spec.versions[0].schema.openAPIV3Schema.properties[e].properties: Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields)",
          R"(spec.versions[0].schema.openAPIV3Schema.properties[e].type: Invalid value: "string": must be object if x-kubernetes-embedded-resource is true)"});
}

TEST_CASE("Keyword rules: unsupported keywords, uniqueItems, additionalProperties") {
  CHECK(
      Check(R"({"type":"object","properties":{"a":{"type":"array","uniqueItems":true,
      "items":{"type":"string"}},"b":{"type":"object","properties":{"c":{"type":"string"}},
      "additionalProperties":false},"d":{"type":"null"}}})") ==
      Strings{
          "spec.versions[0].schema.openAPIV3Schema.properties[a].uniqueItems: Forbidden: "
          "uniqueItems cannot be set to true since the runtime complexity becomes quadratic",
          "spec.versions[0].schema.openAPIV3Schema.properties[b].additionalProperties: Forbidden: "
          "additionalProperties and properties are mutual exclusive",
          R"(spec.versions[0].schema.openAPIV3Schema.properties[d].type: Unsupported value: "null": supported values: "array", "boolean", "integer", "number", "object", "string")",
          "spec.versions[0].schema.openAPIV3Schema.properties[d].type: Forbidden: type cannot be "
          "set to null, use nullable as an alternative"});
  // An unsupported keyword makes the schema non-structural: only the keyword errors show.
  CHECK(Check(R"({"type":"object","properties":{"a":{"$ref":"#/definitions/x"},
      "b":{"type":"object","patternProperties":{"^x":{"type":"string"}}}}})") ==
        Strings{"spec.versions[0].schema.openAPIV3Schema.properties[a].$ref: Forbidden: $ref is "
                "not supported",
                "spec.versions[0].schema.openAPIV3Schema.properties[b].patternProperties: "
                "Forbidden: patternProperties is not supported"});
  CHECK(
      Check(R"({"type":"object","$schema":"http://json-schema.org/draft-04/schema#"})") ==
      Strings{
          R"(spec.versions[0].schema.openAPIV3Schema: Invalid value: "": OpenAPIV3Schema 'schema' is not supported)"});
  CHECK(Check(R"({"type":"object","nullable":true,"additionalProperties":{"type":"string"}})") ==
        Strings{"spec.versions[0].schema.openAPIV3Schema.nullable: Forbidden: nullable cannot be "
                "true at the root",
                "spec.versions[0].schema.openAPIV3Schema.additionalProperties: Forbidden: must not "
                "be used at the root"});
}

TEST_CASE("Defaults must validate, must not be pruned, and are forbidden in top-level metadata") {
  CHECK(
      Check(R"({"type":"object","properties":{"spec":{"type":"object","properties":{
      "replicas":{"type":"integer","maximum":10,"default":20},
      "mode":{"type":"string","enum":["A","B"],"default":"C"},
      "obj":{"type":"object","properties":{"a":{"type":"string"}},"default":{"a":"x","b":1}}}}}})") ==
      Strings{
          "spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[replicas].default: "
          "Invalid value: 20:  in body should be less than or equal to 10",
          R"(spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[mode].default: Unsupported value: "C": supported values: "A", "B")",
          R"(spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[obj].default: Invalid value: map[string]interface {}{"a":"x", "b":1}: must not have unknown fields)"});
  CHECK(Check(R"({"type":"object","properties":{"metadata":{"type":"object","default":{}}}})") ==
        Strings{"spec.versions[0].schema.openAPIV3Schema.properties[metadata].default: Forbidden: "
                "must not be set in top-level metadata"});
}

TEST_CASE("x-kubernetes list, map and validation extensions") {
  CHECK(
      Check(R"({"type":"object","properties":{
      "s":{"type":"string","x-kubernetes-list-type":"set"},
      "m":{"type":"array","x-kubernetes-list-type":"map","items":{"type":"object",
           "properties":{"k":{"type":"string"}}},"x-kubernetes-list-map-keys":["k","z"]},
      "o":{"type":"object","x-kubernetes-map-type":"other"},
      "l":{"type":"array","x-kubernetes-list-type":"bag","items":{"type":"string"}}}})") ==
      Strings{
          R"(spec.versions[0].schema.openAPIV3Schema.properties[s].type: Invalid value: "string": must be array if x-kubernetes-list-type is specified)",
          R"(spec.versions[0].schema.openAPIV3Schema.properties[m].x-kubernetes-list-map-keys: Invalid value: []string{"k", "z"}: entries must all be names of item properties)",
          "spec.versions[0].schema.openAPIV3Schema.properties[m].items.properties[k].default: "
          "Required value: this property is in x-kubernetes-list-map-keys, so it must have a "
          "default or be a required property",
          R"(spec.versions[0].schema.openAPIV3Schema.properties[o].x-kubernetes-map-type: Unsupported value: "other": supported values: "atomic", "granular")",
          R"(spec.versions[0].schema.openAPIV3Schema.properties[l].x-kubernetes-list-type: Unsupported value: "bag": supported values: "atomic", "set", "map")"});
  CHECK(
      Check(R"({"type":"object","x-kubernetes-validations":[{"rule":" "},
      {"rule":"self.a\n== 1"},{"rule":"true","reason":"Nope"}]})") ==
      Strings{
          "spec.versions[0].schema.openAPIV3Schema.x-kubernetes-validations[0].rule: Required "
          "value: rule is not specified",
          "spec.versions[0].schema.openAPIV3Schema.x-kubernetes-validations[1].message: Required "
          "value: message must be specified if rule contains line breaks",
          R"(spec.versions[0].schema.openAPIV3Schema.x-kubernetes-validations[2].reason: Unsupported value: "Nope": supported values: "FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired")"});
}

TEST_CASE("An invalid pattern is a structural error with Go's regexp message") {
  CHECK(
      Check(R"({"type":"object","properties":{"a":{"type":"string","pattern":"a(b"}}})") ==
      Strings{
          R"(spec.versions[0].schema.openAPIV3Schema.properties[a].pattern: Invalid value: "a(b": must be a valid regular expression, but isn't: error parsing regexp: missing closing ): `a(b`)"});
}

}  // namespace
}  // namespace kube::apiserver::crd_schema
