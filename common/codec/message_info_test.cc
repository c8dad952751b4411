#include "common/codec/message_info.h"

#include <catch2/catch.hpp>

#include "codec_test.pb.h"
#include "k8s/apps/v1/apps.pb.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::codec::internal {
namespace {

const FieldInfo& Field(const MessageInfo& info, std::string_view name) {
  const auto* field = info.descriptor->FindFieldByName(std::string(name));
  REQUIRE(field != nullptr);
  return info.fields[field->index()];
}

TEST_CASE("InfoOf reads the annotations once per type", "[message_info]") {
  const MessageInfo& emission = InfoOf(codec::testing::Emission::descriptor());
  CHECK(&emission == &InfoOf(codec::testing::Emission::descriptor()));
  CHECK(emission.form == k8s::JSON_OBJECT);
  CHECK(emission.api_version.empty());
  CHECK(Field(emission, "ptr").pointer);
  CHECK_FALSE(Field(emission, "ptr").always_emit);
  CHECK(Field(emission, "ptrAlways").always_emit);
  CHECK(Field(emission, "alwaysMap").is_map);
  CHECK(Field(emission, "alwaysMap").is_repeated);
  CHECK(Field(emission, "alwaysBytes").is_bytes);
  CHECK(Field(emission, "plain").json_key == R"("plain":)");
  // always_emit fields by declaration index.
  CHECK(emission.always_visit == std::vector<int>{2, 4, 6, 8, 9, 11, 12, 14, 15});

  const MessageInfo& pod = InfoOf(codec::testing::Pod::descriptor());
  CHECK(pod.api_version == "v1");
  CHECK(Field(pod, "metadata").Message().descriptor == codec::testing::ObjectMeta::descriptor());
  CHECK(InfoOf(codec::testing::Time::descriptor()).is_time);
  CHECK(InfoOf(codec::testing::Quantity::descriptor()).form == k8s::JSON_QUANTITY);

  const MessageInfo& probe = InfoOf(codec::testing::Probe::descriptor());
  CHECK(Field(probe, "handler").is_inline);
  CHECK(probe.always_visit == std::vector<int>{0});  // inline members are always visited
}

TEST_CASE("InfoOf finds fields by number and knows their order", "[message_info]") {
  const MessageInfo& shapes = InfoOf(codec::testing::WireShapes::descriptor());
  CHECK_FALSE(shapes.number_order);
  CHECK(shapes.FieldIndexOf(5) == 0);  // s32, declared first
  CHECK(shapes.FieldIndexOf(1) == 1);
  CHECK(shapes.fields[shapes.FieldIndexOf(100000)].field->name() == "far");
  CHECK(shapes.FieldIndexOf(99) == -1);
  CHECK(shapes.FieldIndexOf(0) == -1);
  CHECK(shapes.FieldIndexOf(-1) == -1);
  CHECK(InfoOf(codec::testing::Pod::descriptor()).number_order);

  const MessageInfo& time = InfoOf(codec::testing::Time::descriptor());
  CHECK(time.form_fields[1]->name() == "seconds");
  CHECK(time.form_fields[2]->name() == "nanos");
  CHECK(time.form_fields[3] == nullptr);
}

TEST_CASE("InfoOf routes JSON keys through inline members", "[message_info]") {
  const auto& routes = InfoOf(codec::testing::Probe::descriptor()).Routes();
  const FieldRoute& http_get = routes.at("httpGet");
  REQUIRE(http_get.via.size() == 1);
  CHECK(http_get.via[0]->name() == "handler");
  CHECK(http_get.field->field->name() == "httpGet");
  CHECK(routes.at("timeoutSeconds").via.empty());
  CHECK_FALSE(routes.contains("handler"));
}

TEST_CASE("The API types take the wire path, types with enums do not", "[message_info]") {
  CHECK(InfoOf(k8s::core::v1::Pod::descriptor()).WireEncodable());
  CHECK(InfoOf(k8s::core::v1::Node::descriptor()).WireEncodable());
  CHECK(InfoOf(k8s::apps::v1::Deployment::descriptor()).WireEncodable());
  CHECK(InfoOf(codec::testing::WireShapes::descriptor()).WireEncodable());
  CHECK(InfoOf(codec::testing::Tree::descriptor()).WireEncodable());
  CHECK_FALSE(InfoOf(codec::testing::Scalars::descriptor()).WireEncodable());
}

}  // namespace
}  // namespace kube::codec::internal
