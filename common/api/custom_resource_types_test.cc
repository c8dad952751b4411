#include "common/api/custom_resource_types.h"

#include <catch2/catch.hpp>

#include "common/api/object.h"
#include "common/api/scheme.h"
#include "common/codec/json_decode.h"
#include "common/codec/json_encode.h"

namespace kube::api {
namespace {

TEST_CASE("Custom resource types round-trip their JSON and name their kind", "[customresource]") {
  absl::StatusOr<CustomResourceTypes> types =
      TypesFor("stable.example.com", "v1", "CronTab", "CronTabList");
  REQUIRE(types.ok());
  // Asked again, the same types: descriptors live for the process and are reused.
  absl::StatusOr<CustomResourceTypes> again =
      TypesFor("stable.example.com", "v1", "CronTab", "CronTabList");
  REQUIRE(again.ok());
  CHECK(again->prototype == types->prototype);

  std::unique_ptr<google::protobuf::Message> object(types->prototype->New());
  REQUIRE(codec::DecodeJson(R"({"apiVersion":"stable.example.com/v1","kind":"CronTab",)"
                            R"("metadata":{"name":"c1","namespace":"default"},)"
                            R"("spec":{"replicas":3,"cronSpec":"* * * * */5"}})",
                            *object)
              .ok());
  CHECK(IsCustomResource(*object));
  CHECK(ObjectMetaOf(*object)->name() == "c1");
  CHECK(codec::EncodeJson(*object) ==
        R"({"kind":"CronTab","apiVersion":"stable.example.com/v1","metadata":{"name":"c1",)"
        R"("namespace":"default"},"spec":{"cronSpec":"* * * * */5","replicas":3}})");

  std::optional<GroupVersionKind> kind = Scheme::BuiltIn().KindOf(object->GetDescriptor());
  REQUIRE(kind.has_value());
  CHECK(*kind == GroupVersionKind{"stable.example.com", "v1", "CronTab"});

  std::unique_ptr<google::protobuf::Message> list(types->list_prototype->New());
  REQUIRE(codec::DecodeJson(
              R"({"metadata":{"resourceVersion":"7"},"items":[{"metadata":{"name":"a"},"x":1}]})",
              *list)
              .ok());
  CHECK(
      codec::EncodeJson(*list) ==
      R"({"kind":"CronTabList","apiVersion":"stable.example.com/v1","metadata":{"resourceVersion":"7"},)"
      R"("items":[{"metadata":{"name":"a"},"x":1}]})");
}

TEST_CASE("A kind that is no protobuf identifier is refused with a reason", "[customresource]") {
  absl::StatusOr<CustomResourceTypes> types =
      TypesFor("a.example.com", "v1", "My-Kind", "My-KindList");
  CHECK(absl::IsInvalidArgument(types.status()));
}

}  // namespace
}  // namespace kube::api
