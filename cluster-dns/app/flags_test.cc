#include "cluster-dns/app/flags.h"

#include <catch2/catch.hpp>

namespace kube::dns::app {
namespace {

TEST_CASE("cluster-dns's defaults are valid and bad values are named", "[cluster-dns-flags]") {
  Options defaults;
  CHECK(ValidateOptions(defaults).ok());
  CHECK(defaults.port == 53);
  CHECK(defaults.health_port == 8181);
  CHECK(defaults.cluster_domain == "cluster.local");
  CHECK(defaults.ttl == 30);

  auto invalid = [](auto change, const std::string& flag) {
    Options o;
    change(o);
    absl::Status status = ValidateOptions(o);
    INFO(flag << ": " << status);
    CHECK_FALSE(status.ok());
    CHECK(std::string(status.message()).find(flag) != std::string::npos);
  };
  invalid([](Options& o) { o.port = 65536; }, "--port");
  invalid([](Options& o) { o.health_port = -1; }, "--health-port");
  invalid([](Options& o) { o.ttl = -5; }, "--ttl");
  invalid([](Options& o) { o.bind_address = "localhost"; }, "--bind-address");
  invalid([](Options& o) { o.cluster_domain = "a..b"; }, "--cluster-domain");
  invalid([](Options& o) { o.cluster_domain = "."; }, "--cluster-domain");
  invalid([](Options& o) { o.cluster_domain = std::string(63, 'a') + "." + std::string(63, 'b') + "." +
                                              std::string(63, 'c') + "." + std::string(55, 'd'); },  // 249 bytes: no room for hostmaster.
          "--cluster-domain");
}

TEST_CASE("cluster-dns's flags parse into the options", "[cluster-dns-flags]") {
  Options o;
  flags::FlagSet set("cluster-dns", kDescription);
  AddFlags(set, o);
  const char* argv[] = {"cluster-dns", "--port=0", "--cluster-domain", "corp.example", "--ttl=5",
                        "--bind-address=127.0.0.1", "--health-port=0"};
  REQUIRE(set.Parse(7, const_cast<char**>(argv)).ok());
  CHECK(o.port == 0);
  CHECK(o.cluster_domain == "corp.example");
  CHECK(o.ttl == 5);
  CHECK(o.health_port == 0);
  CHECK(ValidateOptions(o).ok());
  CHECK(set.Usage().find("forwards nothing") != std::string::npos);
}

}  // namespace
}  // namespace kube::dns::app
