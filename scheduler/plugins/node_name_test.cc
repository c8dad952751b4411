#include "scheduler/plugins/node_name.h"

#include <catch2/catch.hpp>

#include "scheduler/plugins/plugin_test_util.h"
#include "scheduler/testing/wrappers.h"

namespace kube::scheduler::plugins {
namespace {

using testing::MakeNode;
using testing::MakePod;

TEST_CASE("NodeName", "[plugins]") {
  NodeName plugin;
  CHECK(RunFilter(plugin, *MakePod("p").Info(), MakeNode("n1").Info()).ok());
  CHECK(RunFilter(plugin, *MakePod("p").Node("n1").Info(), MakeNode("n1").Info()).ok());
  framework::PluginStatus other = RunFilter(plugin, *MakePod("p").Node("n2").Info(), MakeNode("n1").Info());
  CHECK(other.code() == framework::Code::kUnschedulableAndUnresolvable);
  CHECK(other.Message() == "node(s) didn't match the requested node name");
}

}  // namespace
}  // namespace kube::scheduler::plugins
