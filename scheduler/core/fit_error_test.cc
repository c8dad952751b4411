#include "scheduler/core/fit_error.h"

#include <catch2/catch.hpp>

namespace kube::scheduler::core {
namespace {

TEST_CASE("FitError writes upstream's message", "[core]") {
  FitError error;
  error.num_all_nodes = 3;
  error.Add(framework::PluginStatus::Unresolvable("node(s) didn't match Pod's node affinity/selector"));
  error.Add(framework::PluginStatus::Unschedulable("Insufficient cpu"));
  error.Add(framework::PluginStatus(framework::Code::kUnschedulable, {"Insufficient cpu", "Insufficient memory"}));
  CHECK(error.Message() ==
        "0/3 nodes are available: 1 Insufficient memory, 1 node(s) didn't match Pod's node "
        "affinity/selector, 2 Insufficient cpu.");
}

TEST_CASE("FitError with a PreFilter rejection or no nodes", "[core]") {
  FitError error;
  CHECK(error.Message() == "no nodes available to schedule pods");
  error.num_all_nodes = 2;
  error.pre_filter_message = "pod has unbound immediate PersistentVolumeClaims";
  CHECK(error.Message() ==
        "0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims.");
}

}  // namespace
}  // namespace kube::scheduler::core
