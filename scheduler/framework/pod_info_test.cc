#include "scheduler/framework/pod_info.h"

#include <catch2/catch.hpp>

#include "scheduler/testing/wrappers.h"

namespace kube::scheduler::framework {
namespace {

using testing::MakePod;

TEST_CASE("PodInfo sums container requests", "[framework]") {
  auto info = MakePod("p").Req({{"cpu", "100m"}, {"memory", "1Gi"}}).Req({{"cpu", "1"}}).Info();
  CHECK(info->requests.milli_cpu == 1100);
  CHECK(info->requests.memory == int64_t{1} << 30);
  CHECK(info->key == "uid-p");
}

TEST_CASE("PodInfo: effective request is max(max(init), sum(app)) + overhead", "[framework]") {
  struct Case {
    const char* name;
    testing::PodWrapper pod;
    int64_t milli_cpu;
  };
  std::vector<Case> cases = {
      {"init larger", MakePod("a").Req({{"cpu", "1"}}).InitReq({{"cpu", "3"}}).InitReq({{"cpu", "2"}}), 3000},
      {"app larger", MakePod("b").Req({{"cpu", "1"}}).Req({{"cpu", "2"}}).InitReq({{"cpu", "2"}}), 3000},
      {"overhead added", MakePod("c").Req({{"cpu", "1"}}).InitReq({{"cpu", "2"}}).Overhead({{"cpu", "250m"}}), 2250},
      // The sidecar runs beside the app and beside the later init container.
      {"sidecar", MakePod("d").Req({{"cpu", "1"}}).InitReq({{"cpu", "500m"}}, true).InitReq({{"cpu", "2"}}), 2500},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    CHECK(c.pod.Info()->requests.milli_cpu == c.milli_cpu);
  }
}

TEST_CASE("PodInfo: extended resources and non-zero defaults", "[framework]") {
  auto info = MakePod("p").Req({{"example.com/gpu", "2"}}).Req({{"memory", "1Mi"}}).Info();
  CHECK(info->requests.Scalar("example.com/gpu") == 2);
  CHECK(info->requests.milli_cpu == 0);
  // Two containers without cpu requests: 100m each for scoring.
  CHECK(info->non_zero_milli_cpu == 200);
  CHECK(info->non_zero_memory == kDefaultMemoryRequest + (1 << 20));
}

TEST_CASE("PodInfo: host ports with defaults", "[framework]") {
  auto info = MakePod("p").HostPort(80).HostPort(53, "UDP", "10.0.0.1").Info();
  REQUIRE(info->host_ports.size() == 2);
  CHECK(info->host_ports[0] == HostPort{"0.0.0.0", "TCP", 80});
  CHECK(info->host_ports[1] == HostPort{"10.0.0.1", "UDP", 53});
}

}  // namespace
}  // namespace kube::scheduler::framework
