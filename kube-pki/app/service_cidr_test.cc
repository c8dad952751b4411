#include "kube-pki/app/service_cidr.h"

#include <catch2/catch.hpp>

namespace kube::pki::app {
namespace {

using Addresses = std::vector<std::string>;

TEST_CASE("the first address of each service CIDR") {
  CHECK(*FirstServiceAddresses("10.96.0.0/16") == Addresses{"10.96.0.1"});
  CHECK(*FirstServiceAddresses("10.96.5.7/16") == Addresses{"10.96.0.1"});  // host bits dropped
  CHECK(*FirstServiceAddresses("10.43.0.0/16") == Addresses{"10.43.0.1"});
  CHECK(*FirstServiceAddresses("192.168.7.128/25") == Addresses{"192.168.7.129"});
  CHECK(*FirstServiceAddresses("10.0.0.0/30") == Addresses{"10.0.0.1"});
  CHECK(*FirstServiceAddresses("fd00:1::/108") == Addresses{"fd00:1::1"});
  CHECK(*FirstServiceAddresses("10.96.0.0/16, fd00::/108") == Addresses{"10.96.0.1", "fd00::1"});
}

TEST_CASE("malformed or tiny service CIDRs are refused") {
  for (const char* bad : {"", "10.96.0.0", "10.96.0.0/33", "10.96.0.0/-1", "ten/16", "10.96.0.0/x",
                          "10.0.0.0/31", "fd00::/127", "10.96.0.0/16,nonsense"}) {
    INFO(bad);
    CHECK(FirstServiceAddresses(bad).status().code() == absl::StatusCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace kube::pki::app
