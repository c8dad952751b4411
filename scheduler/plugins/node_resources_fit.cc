#include "scheduler/plugins/node_resources_fit.h"

#include <string>
#include <vector>

#include "common/util/strings.h"
#include "scheduler/plugins/least_allocated.h"
#include "scheduler/plugins/names.h"

namespace kube::scheduler::plugins {
namespace {

// Whether `wanted` more fits beside `used` within `allocatable`.
bool Fits(int64_t wanted, int64_t used, int64_t allocatable) {
  return wanted <= 0 || wanted <= allocatable - used;
}

}  // namespace

std::string_view NodeResourcesFit::Name() const { return names::kNodeResourcesFit; }

framework::PluginStatus NodeResourcesFit::Filter(const framework::CycleState& state,
                                                 const framework::PodInfo& pod,
                                                 const framework::NodeInfo& node) const {
  const framework::Resource& want = pod.requests;
  const framework::Resource& used = node.requested();
  const framework::Resource& allocatable = node.allocatable();
  std::vector<std::string> reasons;
  if (static_cast<int64_t>(node.pods().size()) + 1 > allocatable.allowed_pod_number) {
    reasons.push_back("Too many pods");
  }
  if (!Fits(want.milli_cpu, used.milli_cpu, allocatable.milli_cpu)) {
    reasons.push_back("Insufficient cpu");
  }
  if (!Fits(want.memory, used.memory, allocatable.memory)) {
    reasons.push_back("Insufficient memory");
  }
  if (!Fits(want.ephemeral_storage, used.ephemeral_storage, allocatable.ephemeral_storage)) {
    reasons.push_back("Insufficient ephemeral-storage");
  }
  for (const auto& [name, amount] : want.scalar) {
    if (!Fits(amount, used.Scalar(name), allocatable.Scalar(name))) {
      reasons.push_back(StrCat("Insufficient ", name));
    }
  }
  if (reasons.empty()) return framework::PluginStatus::Success();
  return framework::PluginStatus(framework::Code::kUnschedulable, std::move(reasons));
}

int64_t NodeResourcesFit::Score(const framework::CycleState& state, const framework::PodInfo& pod,
                                const framework::NodeInfo& node) const {
  return LeastAllocatedScore(pod, node);
}

}  // namespace kube::scheduler::plugins
