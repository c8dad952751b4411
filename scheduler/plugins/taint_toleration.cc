#include "scheduler/plugins/taint_toleration.h"

#include "common/util/strings.h"
#include "scheduler/plugins/names.h"
#include "common/api/tolerations.h"

namespace kube::scheduler::plugins {
namespace {

constexpr char kTaintTolerationStateKey[] = "PreScoreTaintToleration";

// The pod's tolerations that can tolerate PreferNoSchedule taints.
struct PreferState : framework::StateData {
  api::Tolerations tolerations;
};

}  // namespace

std::string_view TaintToleration::Name() const { return names::kTaintToleration; }

framework::PluginStatus TaintToleration::Filter(const framework::CycleState& state,
                                                const framework::PodInfo& pod,
                                                const framework::NodeInfo& node) const {
  for (const auto& taint : node.node()->spec().taints()) {
    if (taint.effect() != "NoSchedule" && taint.effect() != "NoExecute") continue;
    if (api::TolerationsTolerateTaint(pod.pod->spec().tolerations(), taint)) continue;
    return framework::PluginStatus::Unresolvable(
        StrCat("node(s) had untolerated taint {", taint.key(), ": ", taint.value(), "}"));
  }
  return framework::PluginStatus::Success();
}

framework::PluginStatus TaintToleration::PreScore(
    framework::CycleState& state, const framework::PodInfo& pod,
    const std::vector<const framework::NodeInfo*>& nodes) {
  auto data = std::make_unique<PreferState>();
  for (const auto& toleration : pod.pod->spec().tolerations()) {
    if (toleration.effect().empty() || toleration.effect() == "PreferNoSchedule") {
      *data->tolerations.Add() = toleration;
    }
  }
  state.Write(kTaintTolerationStateKey, std::move(data));
  return framework::PluginStatus::Success();
}

int64_t TaintToleration::Score(const framework::CycleState& state,
                               const framework::PodInfo& pod,
                               const framework::NodeInfo& node) const {
  const auto* data = state.Read<PreferState>(kTaintTolerationStateKey);
  int64_t untolerated = 0;
  for (const auto& taint : node.node()->spec().taints()) {
    if (taint.effect() != "PreferNoSchedule") continue;
    if (data == nullptr || !api::TolerationsTolerateTaint(data->tolerations, taint)) ++untolerated;
  }
  return untolerated;
}

void TaintToleration::NormalizeScore(const framework::CycleState& state,
                                     const framework::PodInfo& pod,
                                     std::vector<int64_t>& scores) const {
  framework::DefaultNormalizeScore(framework::kMaxNodeScore, true, scores);
}

}  // namespace kube::scheduler::plugins
