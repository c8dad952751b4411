#include "common/codec/envelope.h"

#include <catch2/catch.hpp>
#include <google/protobuf/util/message_differencer.h>

#include "codec_test.pb.h"

namespace kube::codec {
namespace {

TEST_CASE("The protobuf envelope round-trips", "[envelope]") {
  testing::Pod pod;
  pod.mutable_metadata()->set_name("web");
  (*pod.mutable_metadata()->mutable_labels())["b"] = "2";
  (*pod.mutable_metadata()->mutable_labels())["a"] = "1";
  std::string body = EncodeProtobufEnvelope("v1", "Pod", pod);
  REQUIRE(body.substr(0, 4) == std::string("k8s\0", 4));
  absl::StatusOr<ProtobufEnvelope> envelope = DecodeProtobufEnvelope(body);
  REQUIRE(envelope.ok());
  CHECK(envelope->api_version == "v1");
  CHECK(envelope->kind == "Pod");
  CHECK(envelope->content_encoding.empty());
  CHECK(envelope->content_type.empty());
  testing::Pod back;
  REQUIRE(back.ParseFromString(envelope->raw));
  CHECK(google::protobuf::util::MessageDifferencer::Equals(pod, back));
  CHECK(EncodeProtobufEnvelope(*envelope) == body);
}

TEST_CASE("EncodeProtobufEnvelope writes the bytes Go writes", "[envelope]") {
  ProtobufEnvelope envelope{"v1", "Namespace", std::string("\x0a\x00", 2), "", ""};
  // The head of kubectl's `create namespace` body, with an empty object.
  CHECK(EncodeProtobufEnvelope(envelope) ==
        std::string("k8s\0"
                    "\x0a\x0f\x0a\x02v1\x12\x09Namespace"
                    "\x12\x02\x0a\x00"
                    "\x1a\x00\x22\x00",
                    4 + 17 + 4 + 4));
}

TEST_CASE("DecodeProtobufEnvelope reads every field and skips unknown ones", "[envelope]") {
  std::string body("k8s\0", 4);
  body += std::string("\x0a\x0c\x0a\x07" "apps/v1" "\x12\x01" "D", 14);  // TypeMeta
  body += std::string("\x28\x96\x01", 3);                              // field 5 varint
  body += std::string("\x12\x03" "raw", 5);
  body += std::string("\x1a\x04" "gzip", 6);
  body += std::string("\x22\x10" "application/json", 18);
  body += std::string("\x31" "12345678", 9);  // field 6 fixed64
  absl::StatusOr<ProtobufEnvelope> envelope = DecodeProtobufEnvelope(body);
  REQUIRE(envelope.ok());
  CHECK(envelope->api_version == "apps/v1");
  CHECK(envelope->kind == "D");
  CHECK(envelope->raw == "raw");
  CHECK(envelope->content_encoding == "gzip");
  CHECK(envelope->content_type == "application/json");
}

TEST_CASE("DecodeProtobufEnvelope rejects malformed bodies", "[envelope]") {
  for (std::string bad : {std::string(""), std::string("k8s"), std::string("{\"kind\":1}"),
                          std::string("k9s\0", 4), std::string("k8s\0\x0a", 5),
                          std::string("k8s\0\x0a\x05\x0a", 7), std::string("k8s\0\x12\xff", 6),
                          std::string("k8s\0\x0b", 5), std::string("k8s\0\x02\x00", 6),
                          std::string("k8s\0\x0a\x02\x0a\x05", 8)}) {
    INFO(bad.size());
    CHECK_FALSE(DecodeProtobufEnvelope(bad).ok());
  }
  CHECK(DecodeProtobufEnvelope(std::string("k8s\0", 4)).ok());  // every field empty
}

}  // namespace
}  // namespace kube::codec
