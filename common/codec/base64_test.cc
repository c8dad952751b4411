#include "common/codec/base64.h"

#include <catch2/catch.hpp>

namespace kube::codec {
namespace {

TEST_CASE("Base64 round-trips every length", "[base64]") {
  std::string bytes;
  for (int i = 0; i < 40; ++i) {
    absl::StatusOr<std::string> back = Base64Decode(Base64Encode(bytes));
    REQUIRE(back.ok());
    CHECK(*back == bytes);
    bytes.push_back(static_cast<char>(i * 37 + 250));
  }
  CHECK(Base64Encode("ab") == "YWI=");
  CHECK(Base64Encode(std::string("\xfb\xff", 2)) == "+/8=");
}

TEST_CASE("Base64Decode is strict like Go's StdEncoding", "[base64]") {
  CHECK(*Base64Decode("YWI=") == "ab");
  CHECK(*Base64Decode("YW\r\nI=") == "ab");
  CHECK(*Base64Decode("") == "");
  for (std::string_view bad : {"YWI", "YW=I", "Y===", "YWI-", "YWJj ZA==", "YWI=YWI=", "_w=="}) {
    INFO(bad);
    CHECK_FALSE(Base64Decode(bad).ok());
  }
}

}  // namespace
}  // namespace kube::codec
