#include "scheduler/framework/profile.h"

#include "common/util/strings.h"

namespace kube::scheduler::framework {
namespace {

// Per-pod record of which plugins said kSkip, kept in the CycleState.
struct SkipState : StateData {
  std::vector<char> filter;  // by position in the filter list
  std::vector<char> score;   // by position in the score list
};

constexpr char kSkipKey[] = "framework/skip";

Plugin* FindPlugin(const std::vector<std::unique_ptr<Plugin>>& plugins, std::string_view name) {
  for (const auto& plugin : plugins) {
    if (plugin->Name() == name) return plugin.get();
  }
  return nullptr;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Profile>> Profile::Create(
    ProfileSpec spec, std::vector<std::unique_ptr<Plugin>> plugins) {
  std::unique_ptr<Profile> profile(new Profile(std::move(spec), std::move(plugins)));
  for (const std::string& name : profile->spec_.filters) {
    Plugin* plugin = FindPlugin(profile->plugins_, name);
    auto* filter = dynamic_cast<FilterPlugin*>(plugin);
    if (filter == nullptr) {
      return absl::InvalidArgumentError(StrCat("plugin \"", name, "\" is not a filter plugin"));
    }
    profile->filters_.push_back({filter, dynamic_cast<PreFilterPlugin*>(plugin)});
  }
  for (const WeightedPlugin& weighted : profile->spec_.scores) {
    Plugin* plugin = FindPlugin(profile->plugins_, weighted.name);
    auto* score = dynamic_cast<ScorePlugin*>(plugin);
    if (score == nullptr) {
      return absl::InvalidArgumentError(
          StrCat("plugin \"", weighted.name, "\" is not a score plugin"));
    }
    if (weighted.weight <= 0) {
      return absl::InvalidArgumentError(
          StrCat("score plugin \"", weighted.name, "\" needs a positive weight"));
    }
    profile->scores_.push_back({score, dynamic_cast<PreScorePlugin*>(plugin), weighted.weight});
  }
  return profile;
}

PluginStatus Profile::RunPreFilter(CycleState& state, const PodInfo& pod) const {
  auto skip = std::make_unique<SkipState>();
  skip->filter.assign(filters_.size(), 0);
  skip->score.assign(scores_.size(), 0);
  for (size_t i = 0; i < filters_.size(); ++i) {
    if (filters_[i].pre_filter == nullptr) continue;
    PluginStatus status = filters_[i].pre_filter->PreFilter(state, pod);
    if (status.IsSkip()) {
      skip->filter[i] = 1;
    } else if (!status.ok()) {
      status.set_plugin(std::string(filters_[i].plugin->Name()));
      return status;
    }
  }
  state.Write(kSkipKey, std::move(skip));
  return PluginStatus::Success();
}

PluginStatus Profile::RunFilter(const CycleState& state, const PodInfo& pod,
                                const NodeInfo& node) const {
  const SkipState* skip = state.Read<SkipState>(kSkipKey);
  for (size_t i = 0; i < filters_.size(); ++i) {
    if (skip != nullptr && skip->filter[i]) continue;
    PluginStatus status = filters_[i].plugin->Filter(state, pod, node);
    if (!status.ok()) {
      status.set_plugin(std::string(filters_[i].plugin->Name()));
      return status;
    }
  }
  return PluginStatus::Success();
}

std::vector<int64_t> Profile::RunScore(CycleState& state, const PodInfo& pod,
                                       const std::vector<const NodeInfo*>& nodes,
                                       Parallelizer& parallelizer) const {
  std::vector<int64_t> totals(nodes.size(), 0);
  // Which score plugins run for this pod: PreScore may skip them.
  std::vector<const Score*> active;
  for (const Score& score : scores_) {
    if (score.pre_score != nullptr && score.pre_score->PreScore(state, pod, nodes).IsSkip()) {
      continue;
    }
    active.push_back(&score);
  }
  if (active.empty()) return totals;
  // scores[p][n]: plugin p's score of node n.
  std::vector<std::vector<int64_t>> scores(active.size(), std::vector<int64_t>(nodes.size()));
  const CycleState& read_only = state;
  parallelizer.Until(static_cast<int>(nodes.size()), [&](int n) {
    for (size_t p = 0; p < active.size(); ++p) {
      scores[p][n] = active[p]->plugin->Score(read_only, pod, *nodes[n]);
    }
  });
  for (size_t p = 0; p < active.size(); ++p) {
    active[p]->plugin->NormalizeScore(read_only, pod, scores[p]);
    for (size_t n = 0; n < nodes.size(); ++n) totals[n] += scores[p][n] * active[p]->weight;
  }
  return totals;
}

}  // namespace kube::scheduler::framework
