#include "scheduler/plugins/node_affinity.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scheduler/plugins/names.h"
#include "scheduler/plugins/node_selector.h"

namespace kube::scheduler::plugins {
namespace {

constexpr char kPreFilterKey[] = "PreFilterNodeAffinity";
constexpr char kNodeAffinityStateKey[] = "PreScoreNodeAffinity";

struct RequiredState : framework::StateData {
  std::vector<std::pair<std::string, std::string>> node_selector;
  std::optional<NodeSelectorMatcher> required;
};

struct PreferredState : framework::StateData {
  std::vector<std::pair<int64_t, NodeSelectorTermMatcher>> terms;  // weight, term
};

const k8s::core::v1::NodeAffinity* NodeAffinityOf(const k8s::core::v1::Pod& pod) {
  if (!pod.spec().has_affinity() || !pod.spec().affinity().has_nodeaffinity()) return nullptr;
  return &pod.spec().affinity().nodeaffinity();
}

}  // namespace

std::string_view NodeAffinity::Name() const { return names::kNodeAffinity; }

framework::PluginStatus NodeAffinity::PreFilter(framework::CycleState& state,
                                                const framework::PodInfo& pod) {
  const auto* affinity = NodeAffinityOf(*pod.pod);
  bool has_required =
      affinity != nullptr && affinity->has_requiredduringschedulingignoredduringexecution();
  if (pod.pod->spec().nodeselector().empty() && !has_required) {
    return framework::PluginStatus::Skip();
  }
  auto data = std::make_unique<RequiredState>();
  for (const auto& [key, value] : pod.pod->spec().nodeselector()) {
    data->node_selector.emplace_back(key, value);
  }
  if (has_required) {
    data->required.emplace(affinity->requiredduringschedulingignoredduringexecution());
  }
  state.Write(kPreFilterKey, std::move(data));
  return framework::PluginStatus::Success();
}

framework::PluginStatus NodeAffinity::Filter(const framework::CycleState& state,
                                             const framework::PodInfo& pod,
                                             const framework::NodeInfo& node) const {
  const auto* data = state.Read<RequiredState>(kPreFilterKey);
  if (data == nullptr) return framework::PluginStatus::Error("NodeAffinity: PreFilter did not run");
  const auto& labels = node.node()->metadata().labels();
  for (const auto& [key, value] : data->node_selector) {
    auto it = labels.find(key);
    if (it == labels.end() || it->second != value) {
      return framework::PluginStatus::Unresolvable(kReason);
    }
  }
  if (data->required.has_value() && !data->required->Matches(*node.node())) {
    return framework::PluginStatus::Unresolvable(kReason);
  }
  return framework::PluginStatus::Success();
}

framework::PluginStatus NodeAffinity::PreScore(
    framework::CycleState& state, const framework::PodInfo& pod,
    const std::vector<const framework::NodeInfo*>& nodes) {
  const auto* affinity = NodeAffinityOf(*pod.pod);
  if (affinity == nullptr || affinity->preferredduringschedulingignoredduringexecution().empty()) {
    return framework::PluginStatus::Skip();
  }
  auto data = std::make_unique<PreferredState>();
  for (const auto& preferred : affinity->preferredduringschedulingignoredduringexecution()) {
    if (preferred.weight() == 0) continue;
    absl::StatusOr<NodeSelectorTermMatcher> term =
        NodeSelectorTermMatcher::Compile(preferred.preference());
    if (!term.ok()) continue;  // upstream drops preferred terms that do not parse
    data->terms.emplace_back(preferred.weight(), std::move(*term));
  }
  state.Write(kNodeAffinityStateKey, std::move(data));
  return framework::PluginStatus::Success();
}

int64_t NodeAffinity::Score(const framework::CycleState& state, const framework::PodInfo& pod,
                            const framework::NodeInfo& node) const {
  const auto* data = state.Read<PreferredState>(kNodeAffinityStateKey);
  if (data == nullptr) return 0;
  int64_t score = 0;
  for (const auto& [weight, term] : data->terms) {
    if (term.Matches(*node.node())) score += weight;
  }
  return score;
}

void NodeAffinity::NormalizeScore(const framework::CycleState& state,
                                  const framework::PodInfo& pod,
                                  std::vector<int64_t>& scores) const {
  framework::DefaultNormalizeScore(framework::kMaxNodeScore, false, scores);
}

}  // namespace kube::scheduler::plugins
