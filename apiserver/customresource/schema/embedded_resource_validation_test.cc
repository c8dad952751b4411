#include "apiserver/customresource/schema/embedded_resource_validation.h"

#include <catch2/catch.hpp>

#include "apiserver/customresource/schema/schema_test_util.h"

namespace kube::apiserver::crd_schema {
namespace {

using testing::Json;
using testing::Texts;
using Strings = std::vector<std::string>;

constexpr std::string_view kEmbeddingSchema = R"({"type":"object","properties":{"spec":{
    "type":"object","properties":{
      "template":{"type":"object","x-kubernetes-embedded-resource":true,
                  "x-kubernetes-preserve-unknown-fields":true},
      "more":{"type":"array","items":{"type":"object","x-kubernetes-embedded-resource":true,
              "x-kubernetes-preserve-unknown-fields":true}}}}}})";

TEST_CASE("Embedded resources need a well-formed apiVersion and kind") {
  rapidjson::Document schema = Json(kEmbeddingSchema);
  CHECK(
      Texts(ValidateEmbeddedResources(schema, Json(R"({"spec":{
      "template":{"apiVersion":"v1","kind":"Pod"},
      "more":[{"metadata":{}},{"apiVersion":"a/b/c","kind":"Bad_Kind"},{"apiVersion":"","kind":7}]}})"),
                                      {})) ==
      Strings{
          "spec.more[0].apiVersion: Required value", "spec.more[0].kind: Required value",
          R"(spec.more[1].apiVersion: Invalid value: "a/b/c": unexpected GroupVersion string: a/b/c)",
          R"(spec.more[1].kind: Invalid value: "Bad_Kind": may have mixed case, but should otherwise match: a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?'))",
          R"(spec.more[2].apiVersion: Invalid value: "": must not be empty)",
          "spec.more[2].kind: Invalid value: 7: must be a string"});
}

TEST_CASE("Embedded metadata goes to the caller's ObjectMeta validation at its path") {
  rapidjson::Document schema = Json(kEmbeddingSchema);
  std::vector<std::string> seen;
  EmbeddedMetadataValidator validate = [&](const rapidjson::Value& metadata,
                                           const std::string& path) {
    seen.push_back(path + "=" + codec::WriteJson(metadata));
    return api::FieldErrors{api::Forbidden(path + ".name", "checked")};
  };
  CHECK(Texts(ValidateEmbeddedResources(
            schema,
            Json(R"({"metadata":{"name":"root"},"spec":{"template":{"apiVersion":"v1","kind":"Pod",
                 "metadata":{"name":"x"}}}})"),
            validate)) == Strings{"spec.template.metadata.name: Forbidden: checked"});
  CHECK(seen == Strings{R"(spec.template.metadata={"name":"x"})"});
}

}  // namespace
}  // namespace kube::apiserver::crd_schema
