#include "kube-proxy/app/options.h"

#include <catch2/catch.hpp>

namespace kube::proxy::app {

TEST_CASE("options: bind addresses parse as host:port, port 0 allowed", "[kube-proxy][app]") {
  auto a = ParseBindAddress("0.0.0.0:10256", 1);
  REQUIRE(a.ok());
  CHECK(a->host == "0.0.0.0");
  CHECK(a->port == 10256);
  auto zero = ParseBindAddress("127.0.0.1:0", 1);
  REQUIRE(zero.ok());
  CHECK(zero->port == 0);
  auto bare = ParseBindAddress("127.0.0.1", 10249);
  REQUIRE(bare.ok());
  CHECK(bare->port == 10249);
  auto v6 = ParseBindAddress("[::1]:9", 1);
  REQUIRE(v6.ok());
  CHECK(v6->host == "::1");
  CHECK(!ParseBindAddress("127.0.0.1:http", 1).ok());
  CHECK(!ParseBindAddress("127.0.0.1:70000", 1).ok());
}

TEST_CASE("options: validation names the bad flag", "[kube-proxy][app]") {
  Options options;
  CHECK(Validate(options).ok());
  options.proxy_mode = "ipvs";
  CHECK(std::string(Validate(options).message()).find("--proxy-mode") != std::string::npos);
  options = Options();
  options.min_sync_period = absl::Minutes(5);
  CHECK(!Validate(options).ok());
  options = Options();
  options.hostname_override = "node-7";
  CHECK(NodeName(options) == "node-7");
}

}  // namespace kube::proxy::app
