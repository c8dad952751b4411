#include "apiserver/openapi/custom_definitions.h"

#include <catch2/catch.hpp>

#include "apiserver/openapi/custom_resource_test_types.h"

namespace kube::apiserver::openapi {
namespace {

constexpr char kCronTabSchema[] = R"({
  "type": "object",
  "description": "A periodic job.",
  "properties": {
    "spec": {
      "type": "object",
      "description": "What to run.",
      "example": {"cronSpec": "* * * * *"},
      "required": ["cronSpec"],
      "properties": {
        "cronSpec": {"type": "string", "description": "When to run."},
        "suffix": {"type": "string", "default": "", "description": ""},
        "replicas": {"type": "integer", "minimum": 1, "maximum": 10, "nullable": true},
        "port": {"x-kubernetes-int-or-string": true},
        "template": {"type": "object", "x-kubernetes-embedded-resource": true,
                     "x-kubernetes-preserve-unknown-fields": true},
        "mode": {"type": "string", "oneOf": [{"enum": ["a"]}, {"enum": ["b"]}]}
      }
    }
  }
})";

const Json& Member(const Json& json, std::initializer_list<const char*> path) {
  const Json* at = &json;
  for (const char* key : path) {
    at = at->Find(key);
    REQUIRE(at != nullptr);
  }
  return *at;
}

bool Has(const Json& json, std::initializer_list<const char*> path) {
  const Json* at = &json;
  for (const char* key : path) {
    at = at->Find(key);
    if (at == nullptr) return false;
  }
  return true;
}

TEST_CASE("custom resource definitions are named by the reversed group") {
  CHECK(CustomDefinitionName("stable.example.com", "v1", "CronTab") ==
        "com.example.stable.v1.CronTab");
  CHECK(CustomDefinitionName("a.b", "v2beta1", "XList") == "b.a.v2beta1.XList");
}

TEST_CASE("the v3 definition is the CRD's schema with type meta, metadata and its kind") {
  testing::CustomResourceTestTypes types("CronTab", "CronTabList");
  ResourceInfo info = types.Info("CronTab", "crontabs", kCronTabSchema);
  CustomDefinitions definitions = BuildCustomDefinitions(info, Flavor::kV3);
  REQUIRE(definitions.kind_name == "com.example.stable.v1.CronTab");
  REQUIRE(definitions.list_name == "com.example.stable.v1.CronTabList");

  const Json& kind = definitions.kind;
  CHECK(Member(kind, {"description"}).as_string() == "A periodic job.");
  CHECK(Member(kind, {"properties", "apiVersion", "type"}).as_string() == "string");
  CHECK(Member(kind, {"properties", "kind", "description"})
            .as_string()
            .starts_with("Kind is a string value representing the REST resource"));
  CHECK(Member(kind, {"properties", "metadata", "$ref"}).as_string() ==
        "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
  CHECK(Member(kind, {"x-kubernetes-group-version-kind"}).Dump() ==
        R"([{"group":"stable.example.com","kind":"CronTab","version":"v1"}])");
  const Json& spec = Member(kind, {"properties", "spec"});
  CHECK(Member(spec, {"properties", "cronSpec", "description"}).as_string() == "When to run.");
  // OpenAPI 3 keeps nullable and the junctors; example is not part of a structural schema.
  CHECK(Member(spec, {"properties", "replicas", "nullable"}).as_bool());
  CHECK(Has(spec, {"properties", "mode", "oneOf"}));
  CHECK_FALSE(Has(spec, {"example"}));
  // omitempty drops the empty description, not the empty default.
  CHECK(Member(spec, {"properties", "suffix"}).Dump() == R"({"default":"","type":"string"})");
  // int-or-string is unfolded, as upstream's Unfold does.
  CHECK(Member(spec, {"properties", "port", "anyOf"}).Dump() ==
        R"([{"type":"integer"},{"type":"string"}])");
  // Embedded resources get their own type meta and metadata.
  const Json& template_ = Member(spec, {"properties", "template"});
  CHECK(Member(template_, {"properties", "apiVersion", "description"})
            .as_string()
            .starts_with("apiVersion defines"));
  CHECK(Member(template_, {"required"}).Dump() == R"(["kind","apiVersion"])");
}

TEST_CASE("the v2 definition is converted for Swagger 2.0") {
  testing::CustomResourceTestTypes types("CronTab", "CronTabList");
  ResourceInfo info = types.Info("CronTab", "crontabs", kCronTabSchema);
  const Json kind = BuildCustomDefinitions(info, Flavor::kV2).kind;
  const Json& spec = Member(kind, {"properties", "spec"});
  CHECK(Member(kind, {"properties", "metadata", "$ref"}).as_string() ==
        "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
  CHECK(Member(spec, {"properties", "replicas"}).Dump() == R"({"maximum":10,"minimum":1})");
  CHECK_FALSE(Has(spec, {"properties", "mode", "oneOf"}));
  CHECK_FALSE(Has(spec, {"properties", "port", "anyOf"}));
  // Unknown fields are kept there: no embedded metadata, which kubectl would enforce.
  CHECK(Member(spec, {"properties", "template"}).Dump() ==
        R"({"x-kubernetes-embedded-resource":true,"x-kubernetes-preserve-unknown-fields":true})");
  CHECK(Member(spec, {"properties", "cronSpec", "description"}).as_string() == "When to run.");
}

TEST_CASE(
    "without a schema, or preserving unknown fields at the root in v2, the kind is a bare object") {
  testing::CustomResourceTestTypes types("CronTab", "CronTabList");
  CHECK(BuildCustomDefinitions(types.Info("CronTab", "crontabs", ""), Flavor::kV3).kind.Dump() ==
        R"({"type":"object","x-kubernetes-group-version-kind":[{"group":"stable.example.com",)"
        R"("kind":"CronTab","version":"v1"}]})");
  ResourceInfo open = types.Info(
      "CronTab", "crontabs", R"({"type":"object","x-kubernetes-preserve-unknown-fields":true})");
  CHECK_FALSE(Has(BuildCustomDefinitions(open, Flavor::kV2).kind, {"properties"}));
  CHECK(Has(BuildCustomDefinitions(open, Flavor::kV3).kind, {"properties", "metadata"}));
}

TEST_CASE("the list definition holds items of the kind and list metadata") {
  testing::CustomResourceTestTypes types("CronTab", "CronTabList");
  const Json list =
      BuildCustomDefinitions(types.Info("CronTab", "crontabs", kCronTabSchema), Flavor::kV2).list;
  CHECK(Member(list, {"description"}).as_string() == "CronTabList is a list of CronTab");
  CHECK(Member(list, {"required"}).Dump() == R"(["items"])");
  CHECK(Member(list, {"properties", "items", "items", "$ref"}).as_string() ==
        "#/definitions/com.example.stable.v1.CronTab");
  CHECK(Member(list, {"properties", "metadata", "$ref"}).as_string() ==
        "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta");
  CHECK(Member(list, {"x-kubernetes-group-version-kind"}).Dump() ==
        R"([{"group":"stable.example.com","kind":"CronTabList","version":"v1"}])");
}

}  // namespace
}  // namespace kube::apiserver::openapi
