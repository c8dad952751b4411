#include "apiserver/customresource/custom_resource_strategy.h"

#include <catch2/catch.hpp>

#include "apiserver/customresource/serving.h"
#include "common/api/custom_resource_types.h"
#include "common/codec/json_decode.h"
#include "common/codec/json_encode.h"

namespace kube::apiserver::customresource {
namespace {

constexpr std::string_view kSchema = R"({"type":"object","properties":{
  "spec":{"type":"object","properties":{"replicas":{"type":"integer","maximum":10,"default":1},
                                        "image":{"type":"string"}}},
  "status":{"type":"object","properties":{"ready":{"type":"integer"}}}}})";

std::unique_ptr<google::protobuf::Message> Object(std::string_view json) {
  absl::StatusOr<api::CustomResourceTypes> types =
      api::TypesFor("stable.example.com", "v1", "CronTab", "CronTabList");
  REQUIRE(types.ok());
  std::unique_ptr<google::protobuf::Message> object(types->prototype->New());
  REQUIRE(codec::DecodeJson(json, *object).ok());
  return object;
}

CustomResourceStrategy Strategy(bool status) {
  auto schema = crd_schema::CustomResourceSchema::Parse(kSchema);
  REQUIRE(schema.ok());
  return CustomResourceStrategy(std::move(*schema), status);
}

TEST_CASE("A custom resource is pruned, defaulted and validated by its schema",
          "[customresource]") {
  CustomResourceStrategy strategy = Strategy(false);
  auto object = Object(R"({"metadata":{"name":"a"},"spec":{"image":"x","bogus":1},"extra":true})");
  std::vector<std::string> dropped;
  strategy.Prune(*object, dropped);
  CHECK(dropped == std::vector<std::string>{"extra", "spec.bogus"});
  CHECK(codec::EncodeJson(*object, {.type_meta = false}) ==
        R"({"metadata":{"name":"a"},"spec":{"image":"x","replicas":1}})");

  auto too_many = Object(R"({"metadata":{"name":"a"},"spec":{"replicas":11}})");
  std::vector<std::string> errors;
  for (const auto& error : strategy.Validate(*too_many)) errors.push_back(error.ToString());
  CHECK(errors == std::vector<std::string>{"spec.replicas: Invalid value: 11: spec.replicas in "
                                           "body should be less than or equal to 10"});

  // Read from storage before the default existed: defaulted on read.
  auto stored = Object(R"({"metadata":{"name":"a"},"spec":{"image":"x"}})");
  strategy.DefaultOnRead(*stored);
  CHECK(codec::EncodeJson(*stored, {.type_meta = false}) ==
        R"({"metadata":{"name":"a"},"spec":{"image":"x","replicas":1}})");
}

TEST_CASE("With the status subresource, writes split between the object and /status",
          "[customresource]") {
  CustomResourceStrategy strategy = Strategy(true);
  auto created = Object(R"({"metadata":{"name":"a"},"spec":{"replicas":2},"status":{"ready":5}})");
  strategy.PrepareForCreate(*created);
  CHECK(codec::EncodeJson(*created, {.type_meta = false}) ==
        R"({"metadata":{"name":"a"},"spec":{"replicas":2}})");

  auto old = Object(R"({"metadata":{"name":"a"},"spec":{"replicas":2},"status":{"ready":1}})");
  auto update = Object(R"({"metadata":{"name":"a"},"spec":{"replicas":3},"status":{"ready":9}})");
  strategy.PrepareForUpdate(*update, *old);
  CHECK(codec::EncodeJson(*update, {.type_meta = false}) ==
        R"({"metadata":{"name":"a"},"spec":{"replicas":3},"status":{"ready":1}})");
  CHECK(strategy.NewGeneration(*update, *old));

  auto status = Object(R"({"metadata":{"name":"a"},"spec":{"replicas":7},"status":{"ready":4}})");
  strategy.PrepareForStatusUpdate(*status, *old);
  CHECK(codec::EncodeJson(*status, {.type_meta = false}) ==
        R"({"metadata":{"name":"a"},"spec":{"replicas":2},"status":{"ready":4}})");
  CHECK(!strategy.NewGeneration(*status, *old));
}

TEST_CASE("CRD versions are ordered as upstream's discovery orders them", "[customresource]") {
  std::vector<std::string> versions = {"foo1",      "v1alpha1", "v2",       "v1",
                                       "v11beta2",  "v10beta3", "foo10",    "v10",
                                       "v12alpha1", "v3beta1",  "v11alpha2"};
  std::sort(versions.begin(), versions.end(), VersionPriorityLess);
  CHECK(versions == std::vector<std::string>{"v10", "v2", "v1", "v11beta2", "v10beta3", "v3beta1",
                                             "v12alpha1", "v11alpha2", "v1alpha1", "foo1",
                                             "foo10"});
}

}  // namespace
}  // namespace kube::apiserver::customresource
