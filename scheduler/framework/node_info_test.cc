#include "scheduler/framework/node_info.h"

#include <catch2/catch.hpp>

#include "scheduler/testing/wrappers.h"

namespace kube::scheduler::framework {
namespace {

using testing::MakeNode;
using testing::MakePod;

TEST_CASE("NodeInfo adds and removes pods", "[framework]") {
  NodeInfo info = MakeNode("n").Capacity({{"cpu", "4"}, {"memory", "8Gi"}, {"pods", "10"}}).Info();
  CHECK(info.allocatable().milli_cpu == 4000);
  CHECK(info.allocatable().allowed_pod_number == 10);
  info.AddPod(MakePod("a").Req({{"cpu", "1"}, {"example.com/gpu", "1"}}).Info());
  info.AddPod(MakePod("b").Req({{"cpu", "500m"}}).HostPort(80).Info());
  CHECK(info.requested().milli_cpu == 1500);
  CHECK(info.requested().Scalar("example.com/gpu") == 1);
  CHECK(info.pods().size() == 2);
  CHECK(info.HostPortInUse({"0.0.0.0", "TCP", 80}));
  CHECK(info.RemovePod("uid-b"));
  CHECK_FALSE(info.RemovePod("uid-b"));
  CHECK(info.requested().milli_cpu == 1000);
  CHECK_FALSE(info.HostPortInUse({"0.0.0.0", "TCP", 80}));
}

TEST_CASE("NodeInfo host port conflicts", "[framework]") {
  NodeInfo info = MakeNode("n").Info({MakePod("a").HostPort(80, "TCP", "10.0.0.1").Obj()});
  CHECK(info.HostPortInUse({"10.0.0.1", "TCP", 80}));
  CHECK(info.HostPortInUse({"0.0.0.0", "TCP", 80}));   // wildcard covers every address
  CHECK_FALSE(info.HostPortInUse({"10.0.0.2", "TCP", 80}));
  CHECK_FALSE(info.HostPortInUse({"10.0.0.1", "UDP", 80}));
  CHECK_FALSE(info.HostPortInUse({"10.0.0.1", "TCP", 81}));
}

}  // namespace
}  // namespace kube::scheduler::framework
