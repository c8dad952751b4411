#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "scheduler/framework/interface.h"
#include "scheduler/framework/parallelizer.h"

namespace kube::scheduler::framework {

// A score plugin by name, with its weight in the total.
struct WeightedPlugin {
  std::string name;
  int64_t weight = 1;
};

// Which plugins a profile runs: filters in order (the first one that rejects a
// node names the reason), scores with weights.
struct ProfileSpec {
  std::string scheduler_name = "default-scheduler";
  std::vector<std::string> filters;
  std::vector<WeightedPlugin> scores;
};

// One scheduling profile (upstream's frameworkruntime.frameworkImpl): the plugins
// of one scheduler name, run in order for each pod. Immutable after Create and
// safe to use from several threads, except that Run* calls for one pod share its
// CycleState (PreFilter and PreScore write it; Filter and Score only read).
class Profile {
 public:
  // `plugins` holds every plugin the spec names (each object may serve several
  // extension points). InvalidArgument when the spec names a plugin that is
  // missing or does not implement that extension point.
  static absl::StatusOr<std::unique_ptr<Profile>> Create(
      ProfileSpec spec, std::vector<std::unique_ptr<Plugin>> plugins);

  const std::string& scheduler_name() const { return spec_.scheduler_name; }
  const ProfileSpec& spec() const { return spec_; }

  // PreFilter of every filter plugin that has one. A rejection is returned with
  // the plugin's name; plugins answering kSkip have their Filter left out.
  PluginStatus RunPreFilter(CycleState& state, const PodInfo& pod) const;
  // The filters in order, stopping at the first that does not succeed.
  PluginStatus RunFilter(const CycleState& state, const PodInfo& pod, const NodeInfo& node) const;
  // PreScore, then Score over `nodes` (in parallel), NormalizeScore, and the
  // weighted sum per node, in the order of `nodes`.
  std::vector<int64_t> RunScore(CycleState& state, const PodInfo& pod,
                                const std::vector<const NodeInfo*>& nodes,
                                Parallelizer& parallelizer) const;

 private:
  struct Filter {
    FilterPlugin* plugin;
    PreFilterPlugin* pre_filter;  // null if it has none
  };
  struct Score {
    ScorePlugin* plugin;
    PreScorePlugin* pre_score;  // null if it has none
    int64_t weight;
  };

  Profile(ProfileSpec spec, std::vector<std::unique_ptr<Plugin>> plugins)
      : spec_(std::move(spec)), plugins_(std::move(plugins)) {}

  // Constant after Create.
  const ProfileSpec spec_;
  const std::vector<std::unique_ptr<Plugin>> plugins_;  // owns what the lists point at
  std::vector<Filter> filters_;
  std::vector<Score> scores_;
};

}  // namespace kube::scheduler::framework
