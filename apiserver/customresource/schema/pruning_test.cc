#include "apiserver/customresource/schema/pruning.h"

#include <catch2/catch.hpp>

#include "apiserver/customresource/schema/schema_test_util.h"

namespace kube::apiserver::crd_schema {
namespace {

using testing::Json;
using Strings = std::vector<std::string>;

// The shape of cert-manager's Certificate (v1), trimmed.
constexpr std::string_view kCertificateSchema = R"({
  "type": "object",
  "properties": {
    "apiVersion": {"type": "string"},
    "kind": {"type": "string"},
    "metadata": {"type": "object"},
    "spec": {
      "type": "object",
      "required": ["issuerRef", "secretName"],
      "properties": {
        "dnsNames": {"type": "array", "items": {"type": "string"}},
        "duration": {"type": "string"},
        "issuerRef": {"type": "object", "required": ["name"],
          "properties": {"group": {"type": "string"}, "kind": {"type": "string"},
                         "name": {"type": "string"}}},
        "secretName": {"type": "string"},
        "secretTemplate": {"type": "object", "properties": {
          "annotations": {"type": "object", "additionalProperties": {"type": "string"}},
          "labels": {"type": "object", "additionalProperties": {"type": "string"}}}},
        "privateKey": {"type": "object", "properties": {
          "algorithm": {"type": "string", "enum": ["RSA", "ECDSA", "Ed25519"]},
          "size": {"type": "integer"}}},
        "usages": {"type": "array", "items": {"type": "string"}},
        "extra": {"type": "object", "x-kubernetes-preserve-unknown-fields": true,
                  "properties": {"known": {"type": "object", "properties": {"a": {"type": "string"}}}}},
        "template": {"type": "object", "x-kubernetes-embedded-resource": true,
                     "properties": {"spec": {"type": "object", "properties": {"x": {"type": "string"}}}}}
      }
    },
    "status": {"type": "object", "properties": {
      "conditions": {"type": "array", "items": {"type": "object", "properties": {
        "type": {"type": "string"}, "status": {"type": "string"}}}}}}
  }
})";

TEST_CASE("Prune drops unknown fields and reports their paths sorted") {
  rapidjson::Document schema = Json(kCertificateSchema);
  rapidjson::Document object = Json(R"({
    "apiVersion": "cert-manager.io/v1", "kind": "Certificate",
    "metadata": {"name": "c", "annotations": {"a": "b"}},
    "spec": {
      "secretName": "s", "issuerRef": {"name": "ca", "foo": 1},
      "dnsNames": ["a.example.com"], "unknown": {"deep": true},
      "secretTemplate": {"labels": {"x": "y"}, "bogus": 1},
      "extra": {"anything": {"goes": 1}, "known": {"a": "kept", "b": "dropped"}},
      "template": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "x": 1},
                   "spec": {"x": "kept", "y": "dropped"}, "status": {}}
    },
    "status": {"conditions": [{"type": "Ready", "status": "True", "reason": "x"}]},
    "topLevel": 1
  })");
  std::vector<std::string> pruned;
  Prune(schema, object, &pruned);
  CHECK(pruned == Strings{"spec.extra.known.b", "spec.issuerRef.foo", "spec.secretTemplate.bogus",
                          "spec.template.spec.y", "spec.template.status", "spec.unknown",
                          "status.conditions[0].reason", "topLevel"});
  CHECK(
      codec::WriteJson(object) ==
      R"({"apiVersion":"cert-manager.io/v1","kind":"Certificate",)"
      R"("metadata":{"name":"c","annotations":{"a":"b"}},)"
      R"("spec":{"secretName":"s","issuerRef":{"name":"ca"},"dnsNames":["a.example.com"],)"
      R"("secretTemplate":{"labels":{"x":"y"}},)"
      R"("extra":{"anything":{"goes":1},"known":{"a":"kept"}},)"
      R"("template":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","x":1},"spec":{"x":"kept"}}},)"
      R"("status":{"conditions":[{"type":"Ready","status":"True"}]}})");
}

TEST_CASE("The root keeps apiVersion, kind and metadata even when the schema omits them") {
  rapidjson::Document schema = Json(R"({"type":"object","properties":{"spec":{"type":"object"}}})");
  rapidjson::Document object =
      Json(R"({"apiVersion":"a/v1","kind":"K","metadata":{"name":"n"},"spec":{"x":1}})");
  std::vector<std::string> pruned;
  Prune(schema, object, &pruned);
  CHECK(pruned == Strings{"spec.x"});
  CHECK(codec::WriteJson(object) ==
        R"({"apiVersion":"a/v1","kind":"K","metadata":{"name":"n"},"spec":{}})");
}

TEST_CASE(
    "A nested object's apiVersion/kind/metadata are pruned unless it is an embedded resource") {
  rapidjson::Document schema = Json(R"({"type":"object","properties":{"spec":{"type":"object",
      "properties":{"name":{"type":"string"}}}}})");
  rapidjson::Document object = Json(R"({"spec":{"name":"x","kind":"K","metadata":{}}})");
  std::vector<std::string> pruned;
  Prune(schema, object, &pruned);
  CHECK(pruned == Strings{"spec.kind", "spec.metadata"});
}

TEST_CASE("PruneNonNullableNulls drops nulls that are neither nullable nor defaulted") {
  rapidjson::Document schema = Json(R"({"type":"object","properties":{"spec":{"type":"object",
      "properties":{"a":{"type":"string"},"b":{"type":"string","nullable":true},
                    "c":{"type":"string","default":"x"},
                    "m":{"type":"object","additionalProperties":{"type":"string"}},
                    "l":{"type":"array","items":{"type":"string"}}}}}})");
  rapidjson::Document object =
      Json(R"({"spec":{"a":null,"b":null,"c":null,"m":{"k":null},"l":[null],"unknown":null}})");
  PruneNonNullableNulls(schema, object);
  CHECK(codec::WriteJson(object) ==
        R"({"spec":{"b":null,"c":null,"m":{},"l":[null],"unknown":null}})");
}

TEST_CASE("additionalProperties without a schema keeps keys but prunes inside their values") {
  rapidjson::Document schema = Json(R"({"type":"object","properties":{"m":{"type":"object",
      "additionalProperties":true}}})");
  rapidjson::Document object = Json(R"({"m":{"k":{"x":1},"s":"v"}})");
  std::vector<std::string> pruned;
  Prune(schema, object, &pruned);
  CHECK(pruned == Strings{"m.k.x"});
  CHECK(codec::WriteJson(object) == R"({"m":{"k":{},"s":"v"}})");
}

}  // namespace
}  // namespace kube::apiserver::crd_schema
