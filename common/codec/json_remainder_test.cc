#include <catch2/catch.hpp>

#include "codec_test.pb.h"
#include "common/codec/json_decode.h"
#include "common/codec/json_encode.h"
#include "common/codec/json_text.h"

namespace kube::codec {
namespace {

using testing::Widget;

TEST_CASE("A json_remainder field takes every key no typed field takes, keys sorted",
          "[json][remainder]") {
  Widget widget;
  std::vector<std::string> unknown;
  REQUIRE(DecodeJson(R"({"apiVersion":"example.com/v1","kind":"Widget",
                         "spec":{"z":1,"a":[{"y":true,"b":null}],"content":"x"},
                         "metadata":{"name":"w1"},"status":{"n":1.5},"content":7})",
                     widget, &unknown)
              .ok());
  CHECK(unknown.empty());
  CHECK(widget.metadata().name() == "w1");
  // "content" at the top names the remainder field in the schema but is a member like
  // any other on the wire.
  CHECK(
      widget.content() ==
      R"({"content":7,"spec":{"a":[{"b":null,"y":true}],"content":"x","z":1},"status":{"n":1.5}})");

  CHECK(
      EncodeJson(widget) ==
      R"({"kind":"Widget","apiVersion":"example.com/v1","metadata":{"name":"w1"},)"
      R"("content":7,"spec":{"a":[{"b":null,"y":true}],"content":"x","z":1},"status":{"n":1.5}})");

  // The DOM encoder splices the same members.
  rapidjson::Document dom;
  EncodeJsonValue(widget, dom, dom.GetAllocator());
  CHECK(WriteJson(dom) == EncodeJson(widget));
}

TEST_CASE("A repeated top-level key of a remainder is reported and the last wins",
          "[json][remainder]") {
  Widget widget;
  std::vector<std::string> unknown;
  REQUIRE(DecodeJson(R"({"spec":{"a":1},"spec":{"b":2}})", widget, &unknown).ok());
  CHECK(unknown == std::vector<std::string>{"spec"});
  CHECK(widget.content() == R"({"spec":{"b":2}})");
}

TEST_CASE("An object with nothing but typed members encodes without a remainder",
          "[json][remainder]") {
  Widget widget;
  REQUIRE(DecodeJson(R"({"metadata":{"name":"w1"}})", widget).ok());
  CHECK(!widget.has_content());
  CHECK(EncodeJson(widget) ==
        R"({"kind":"Widget","apiVersion":"example.com/v1","metadata":{"name":"w1"}})");
}

}  // namespace
}  // namespace kube::codec
