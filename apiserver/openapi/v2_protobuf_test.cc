#include "apiserver/openapi/v2_protobuf.h"

#include <catch2/catch.hpp>

namespace kube::apiserver::openapi {
namespace {

TEST_CASE("a minimal document encodes as kubectl's known-good bytes") {
  Json swagger;
  swagger["swagger"] = "2.0";
  swagger["info"]["title"] = "Kubernetes";
  swagger["info"]["version"] = "v1.32.0";
  swagger["paths"] = Json::MakeObject();
  absl::StatusOr<::openapi::v2::Document> document = ToGnosticDocument(swagger);
  REQUIRE(document.ok());
  // The 30 bytes measured against kubectl v1.32 (research notes, section 2).
  const std::string expected(
      "\x0a\x03\x32\x2e\x30\x12\x15\x0a\x0aKubernetes\x12\x07v1.32.0\x42\x00", 30);
  CHECK(document->SerializeAsString() == expected);
}

TEST_CASE("operations, parameters and schemas convert field by field") {
  Json operation;
  operation["operationId"] = "patchCoreV1NamespacedPod";
  operation["x-kubernetes-action"] = "patch";
  Json body;
  body["in"] = "body";
  body["name"] = "body";
  body["required"] = true;
  body["schema"]["$ref"] = "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch";
  operation["parameters"].Append(body);
  Json query;
  query["in"] = "query";
  query["name"] = "fieldValidation";
  query["type"] = "string";
  query["uniqueItems"] = true;
  operation["parameters"].Append(query);
  operation["responses"]["200"]["description"] = "OK";
  operation["responses"]["200"]["schema"]["$ref"] = "#/definitions/io.k8s.api.core.v1.Pod";
  Json swagger;
  swagger["swagger"] = "2.0";
  swagger["paths"]["/api/v1/namespaces/{namespace}/pods/{name}"]["patch"] = operation;
  Json& map = swagger["definitions"]["X"];
  map["type"] = "object";
  map["additionalProperties"]["type"] = "string";
  map["properties"]["a"]["items"]["type"] = "integer";

  absl::StatusOr<::openapi::v2::Document> document = ToGnosticDocument(swagger);
  REQUIRE(document.ok());
  const auto& path = document->paths().path(0);
  CHECK(path.name() == "/api/v1/namespaces/{namespace}/pods/{name}");
  const auto& patch = path.value().patch();
  CHECK(patch.operation_id() == "patchCoreV1NamespacedPod");
  REQUIRE(patch.parameters_size() == 2);
  CHECK(patch.parameters(0).parameter().body_parameter().schema()._ref() ==
        "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch");
  const auto& field_validation =
      patch.parameters(1).parameter().non_body_parameter().query_parameter_sub_schema();
  CHECK(field_validation.name() == "fieldValidation");
  CHECK(field_validation.unique_items());
  CHECK(patch.responses().response_code(0).value().response().schema().schema()._ref() ==
        "#/definitions/io.k8s.api.core.v1.Pod");
  CHECK(patch.vendor_extension(0).value().yaml() == "\"patch\"");
  const auto& x = document->definitions().additional_properties(0).value();
  CHECK(x.additional_properties().schema().type().value(0) == "string");
  CHECK(x.properties().additional_properties(0).value().items().schema(0).type().value(0) ==
        "integer");
}

TEST_CASE("keys the subset cannot hold are rejected") {
  Json swagger;
  swagger["swagger"] = "2.0";
  swagger["definitions"]["X"]["oneOf"] = Json::MakeArray();
  absl::StatusOr<::openapi::v2::Document> document = ToGnosticDocument(swagger);
  CHECK(document.status().code() == absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace kube::apiserver::openapi
