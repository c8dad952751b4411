#include "apiserver/customresource/schema/schema_node.h"

#include <catch2/catch.hpp>

#include "apiserver/customresource/schema/schema_test_util.h"

namespace kube::apiserver::crd_schema {
namespace {

using testing::Json;

TEST_CASE("Sub-schemas: properties, items, additionalProperties") {
  rapidjson::Document schema = Json(R"({"type":"object",
      "properties":{"a":{"type":"string"},"bad":5},
      "additionalProperties":{"type":"integer"},
      "items":[{"type":"string"}]})");
  REQUIRE(PropertySchema(schema, "a") != nullptr);
  CHECK(Type(*PropertySchema(schema, "a")) == "string");
  CHECK(PropertySchema(schema, "bad") == nullptr);  // wrong JSON type reads as absent
  CHECK(ItemsSchema(schema) == nullptr);            // an array of schemas is no single schema
  CHECK(Type(*FieldSchema(schema, "other")) == "integer");
  AdditionalProperties forbidden =
      GetAdditionalProperties(Json(R"({"additionalProperties":false})"));
  CHECK((forbidden.present && !forbidden.allows && forbidden.schema == nullptr));
  CHECK_FALSE(GetAdditionalProperties(Json("{}")).present);
}

TEST_CASE("Defaults, flags and field paths") {
  CHECK(DefaultValue(Json(R"({"default":null})")) == nullptr);
  CHECK(DefaultValue(Json(R"({"default":0})")) != nullptr);
  CHECK(Nullable(Json(R"({"nullable":true})")));
  CHECK_FALSE(PreservesUnknownFields(Json(R"({"x-kubernetes-preserve-unknown-fields":"true"})")));
  CHECK(ChildPath("", "spec") == "spec");
  CHECK(ChildPath("spec", "replicas") == "spec.replicas");
  CHECK(KeyPath("spec.properties", "a.b") == "spec.properties[a.b]");
  CHECK(IndexPath("spec.ports", 2) == "spec.ports[2]");
}

}  // namespace
}  // namespace kube::apiserver::crd_schema
