#include "scheduler/plugins/node_ports.h"

#include <catch2/catch.hpp>

#include "scheduler/plugins/plugin_test_util.h"
#include "scheduler/testing/wrappers.h"

namespace kube::scheduler::plugins {
namespace {

using testing::MakeNode;
using testing::MakePod;

TEST_CASE("NodePorts", "[plugins]") {
  struct Case {
    const char* name;
    testing::PodWrapper pod;
    std::vector<k8s::core::v1::Pod> existing;
    bool fits;
  };
  std::vector<Case> cases = {
      {"no ports", MakePod("p"), {MakePod("a").HostPort(80).Obj()}, true},
      {"free port", MakePod("p").HostPort(8080), {MakePod("a").HostPort(80).Obj()}, true},
      {"same port", MakePod("p").HostPort(80), {MakePod("a").HostPort(80).Obj()}, false},
      {"other protocol", MakePod("p").HostPort(53, "UDP"), {MakePod("a").HostPort(53, "TCP").Obj()}, true},
      {"other address", MakePod("p").HostPort(80, "TCP", "10.0.0.2"),
       {MakePod("a").HostPort(80, "TCP", "10.0.0.1").Obj()}, true},
      {"wildcard against address", MakePod("p").HostPort(80),
       {MakePod("a").HostPort(80, "TCP", "10.0.0.1").Obj()}, false},
      {"address against wildcard", MakePod("p").HostPort(80, "TCP", "10.0.0.1"),
       {MakePod("a").HostPort(80).Obj()}, false},
  };
  NodePorts plugin;
  for (const Case& c : cases) {
    INFO(c.name);
    framework::PluginStatus status = RunFilter(plugin, *c.pod.Info(), MakeNode("n").Info(c.existing));
    CHECK(status.ok() == c.fits);
    if (!c.fits) CHECK(status.Message() == "node(s) didn't have free ports for the requested pod ports");
  }
}

}  // namespace
}  // namespace kube::scheduler::plugins
