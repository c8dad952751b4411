#include "cluster-dns/records/ip_names.h"

#include <catch2/catch.hpp>

namespace kube::dns {
namespace {

TEST_CASE("IP helpers parse, reverse and dash addresses", "[dns-ip]") {
  std::optional<std::string> v4 = ParseIp("10.0.3.7");
  REQUIRE(v4.has_value());
  CHECK(v4->size() == 4);
  CHECK(ReverseLabels(*v4) == std::vector<std::string>{"7", "3", "0", "10", "in-addr", "arpa"});
  CHECK(DashedLabel(*v4) == "10-0-3-7");
  CHECK(ParseDashedIpv4("10-0-3-7") == v4);
  CHECK_FALSE(ParseIp("None").has_value());
  CHECK_FALSE(ParseIp("").has_value());
  CHECK(ParseIp("fd00::1")->size() == 16);
  CHECK(DashedLabel(*ParseIp("fd00::1")) == "fd00-0-0-0-0-0-0-1");
  CHECK(ReverseLabels(*ParseIp("fd00::1")).size() == 34);
  for (const char* bad : {"10-0-3", "10-0-3-7-1", "10-0-3-256", "a-b-c-d", "10--3-7", "1000-0-0-1", ""}) {
    INFO(bad);
    CHECK_FALSE(ParseDashedIpv4(bad).has_value());
  }
}

}  // namespace
}  // namespace kube::dns
