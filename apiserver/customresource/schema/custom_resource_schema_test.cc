#include "apiserver/customresource/schema/custom_resource_schema.h"

#include <catch2/catch.hpp>

#include "apiserver/customresource/schema/schema_test_util.h"

namespace kube::apiserver::crd_schema {
namespace {

using testing::Json;
using testing::Texts;
using Strings = std::vector<std::string>;

constexpr std::string_view kCronTab = R"({"type":"object","properties":{
  "spec":{"type":"object","properties":{
    "cronSpec":{"type":"string","pattern":"^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$"},
    "image":{"type":"string"},
    "replicas":{"type":"integer","minimum":1,"maximum":10,"default":1}}},
  "status":{"type":"object","properties":{"replicas":{"type":"integer","minimum":0}}}}})";

TEST_CASE("CustomResourceSchema decodes, validates and validates status as upstream serves") {
  auto schema = CustomResourceSchema::Parse(kCronTab);
  REQUIRE(schema.ok());
  rapidjson::Document object = Json(R"({"apiVersion":"stable.example.com/v1","kind":"CronTab",
      "metadata":{"name":"my-new-cron-object"},
      "spec":{"cronSpec":"* * * * */5","image":"my-awesome-cron-image","replicas":null,"x":1}})");
  std::vector<std::string> unknown;
  (*schema)->PruneAndDefault(object, object.GetAllocator(), &unknown);
  CHECK(unknown == Strings{"spec.x"});
  CHECK(codec::WriteJson(object["spec"]) ==
        R"({"cronSpec":"* * * * */5","image":"my-awesome-cron-image","replicas":1})");
  CHECK((*schema)->Validate(object).empty());

  object["spec"]["replicas"] = 15;
  CHECK(Texts((*schema)->Validate(object)) ==
        Strings{"spec.replicas: Invalid value: 15: spec.replicas in body should be less than or "
                "equal to 10"});
  CHECK(Texts((*schema)->ValidateStatus(Json(R"({"replicas":-1})"))) ==
        Strings{"status.replicas: Invalid value: -1: replicas in body should be greater than or "
                "equal to 0"});
}

TEST_CASE("CustomResourceSchema::Parse rejects text that is not JSON") {
  CHECK(CustomResourceSchema::Parse("{").status().code() == absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace kube::apiserver::crd_schema
