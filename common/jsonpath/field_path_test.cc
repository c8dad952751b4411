#include "common/jsonpath/field_path.h"

#include <catch2/catch.hpp>

#include "common/codec/json_text.h"
#include "common/jsonpath/testing.h"

namespace kube::jsonpath {
namespace {

using testing::Json;

std::string SplitError(std::string_view path) {
  absl::StatusOr<std::vector<std::string>> fields = SplitFieldPath(path);
  return fields.ok() ? "ok" : std::string(fields.status().message());
}

TEST_CASE("SplitFieldPath takes only dotted keys", "[jsonpath]") {
  CHECK(SplitFieldPath(".spec.replicas").value() == std::vector<std::string>{"spec", "replicas"});
  CHECK(SplitFieldPath(".status.x-y_z/1").value() == std::vector<std::string>{"status", "x-y_z/1"});
  CHECK(SplitError("spec.replicas") ==
        R"("spec.replicas" is not a simple field path like .spec.replicas: it must start with .)");
  CHECK(SplitError(".") ==
        R"("." is not a simple field path like .spec.replicas: it has an empty field name)");
  CHECK(SplitError(".spec..replicas") == R"(".spec..replicas" is not a simple field path )"
                                         R"(like .spec.replicas: it has an empty field name)");
  CHECK(SplitError(".spec.items[0]") == R"(".spec.items[0]" is not a simple field path )"
                                        R"(like .spec.replicas: "items[0]" has '[')");
  CHECK(SplitError(".spec.*") ==
        R"(".spec.*" is not a simple field path like .spec.replicas: "*" has '*')");
  CHECK(SplitError("{.spec.replicas}") == R"("{.spec.replicas}" is not a simple field path )"
                                          R"(like .spec.replicas: it must start with .)");
}

TEST_CASE("GetField reads as unstructured.NestedFieldNoCopy", "[jsonpath]") {
  const rapidjson::Document doc = Json(R"({"spec": {"replicas": 3, "none": null}, "status": 5})");
  const rapidjson::Value* replicas = GetField(doc, ".spec.replicas").value();
  CHECK(replicas == &doc["spec"]["replicas"]);
  CHECK(GetField(doc, ".spec.missing").value() == nullptr);
  CHECK(GetField(doc, ".spec.none.deeper").value() == nullptr);
  CHECK(GetField(doc, ".status.replicas").status().message() ==
        ".status.replicas accessor error: 5 is of the type int64, expected "
        "map[string]interface{}");
  CHECK_FALSE(GetField(doc, ".spec[0]").ok());
}

TEST_CASE("SetField writes as unstructured.SetNestedField", "[jsonpath]") {
  rapidjson::Document doc = Json(R"({"metadata": {"name": "a"}})");
  REQUIRE(SetField(doc, ".spec.replicas", rapidjson::Value(int64_t{5}), doc.GetAllocator()).ok());
  CHECK(codec::WriteJson(doc) == R"({"metadata":{"name":"a"},"spec":{"replicas":5}})");

  REQUIRE(SetField(doc, ".spec.replicas", rapidjson::Value(int64_t{7}), doc.GetAllocator()).ok());
  CHECK(codec::WriteJson(doc) == R"({"metadata":{"name":"a"},"spec":{"replicas":7}})");

  rapidjson::Document with_null = Json(R"({"status": null})");
  REQUIRE(
      SetField(with_null, ".status.replicas", rapidjson::Value(2), with_null.GetAllocator()).ok());
  CHECK(codec::WriteJson(with_null) == R"({"status":{"replicas":2}})");

  rapidjson::Document blocked = Json(R"({"spec": {"template": 3}})");
  absl::Status status =
      SetField(blocked, ".spec.template.replicas", rapidjson::Value(1), blocked.GetAllocator());
  CHECK(status.message() ==
        "value cannot be set because .spec.template is not a map[string]interface{}");
  CHECK(codec::WriteJson(blocked) == R"({"spec":{"template":3}})");

  CHECK(SetField(doc, ".spec.items[*]", rapidjson::Value(1), doc.GetAllocator()).code() ==
        absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace kube::jsonpath
