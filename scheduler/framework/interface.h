#pragma once

// The scheduler's extension points, all in one place (upstream's
// framework/interface.go). A plugin is one class implementing one or more of the
// interfaces below; the registry (plugins/registry.h) builds them by name and a
// Profile (profile.h) runs them in order for each pod:
//
//   PreFilter (once per pod) -> Filter (per node, in parallel)
//   -> PreScore (once, with the feasible nodes) -> Score (per node) -> NormalizeScore
//
// Plugins keep their configuration in themselves (immutable after construction)
// and anything per pod in the CycleState, so one plugin object serves every pod and
// every filtering thread at once.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "scheduler/framework/node_info.h"
#include "scheduler/framework/pod_info.h"

namespace kube::scheduler::framework {

// Scores run from 0 to kMaxNodeScore before weighting, as upstream.
inline constexpr int64_t kMaxNodeScore = 100;

// A plugin's verdict.
enum class Code {
  kSuccess,        // the pod may go on (this node fits / the step worked)
  kUnschedulable,  // this node does not fit now; another pod leaving might change that
  // This node does not fit and preempting pods would not help (wrong labels, taints).
  kUnschedulableAndUnresolvable,
  kError,  // the plugin failed (a bug or bad input); the pod is retried with backoff
  // From PreFilter/PreScore only: nothing to check for this pod, so the plugin's
  // Filter/Score is not called for it.
  kSkip,
};

// A verdict with the reasons that go into the pod's "0/N nodes are available"
// message ("Insufficient cpu", "node(s) were unschedulable"). Cheap when Success.
class PluginStatus {
 public:
  PluginStatus() = default;
  PluginStatus(Code code, std::vector<std::string> reasons)
      : code_(code), reasons_(std::move(reasons)) {}

  static PluginStatus Success() { return PluginStatus(); }
  static PluginStatus Skip() { return PluginStatus(Code::kSkip, {}); }
  static PluginStatus Unschedulable(std::string reason) {
    return PluginStatus(Code::kUnschedulable, {std::move(reason)});
  }
  static PluginStatus Unresolvable(std::string reason) {
    return PluginStatus(Code::kUnschedulableAndUnresolvable, {std::move(reason)});
  }
  static PluginStatus Error(std::string message) {
    return PluginStatus(Code::kError, {std::move(message)});
  }

  Code code() const { return code_; }
  bool ok() const { return code_ == Code::kSuccess; }
  bool IsSkip() const { return code_ == Code::kSkip; }
  bool IsUnschedulable() const {
    return code_ == Code::kUnschedulable || code_ == Code::kUnschedulableAndUnresolvable;
  }
  const std::vector<std::string>& reasons() const { return reasons_; }
  // The reasons joined with ", ".
  std::string Message() const;
  // The plugin that produced it (set by the Profile).
  const std::string& plugin() const { return plugin_; }
  void set_plugin(std::string plugin) { plugin_ = std::move(plugin); }

 private:
  Code code_ = Code::kSuccess;
  std::vector<std::string> reasons_;
  std::string plugin_;
};

// What a plugin computes once per pod and reads back per node.
class StateData {
 public:
  virtual ~StateData() = default;
};

// Per-pod scratch space shared by the plugins for one scheduling attempt, keyed by
// plugin name. Written only by PreFilter/PreScore (one thread); read concurrently
// by Filter/Score.
class CycleState {
 public:
  void Write(std::string key, std::unique_ptr<StateData> data) {
    data_[std::move(key)] = std::move(data);
  }
  // nullptr if absent or of another type.
  template <typename T>
  const T* Read(std::string_view key) const {
    auto it = data_.find(absl::string_view(key.data(), key.size()));
    return it == data_.end() ? nullptr : dynamic_cast<const T*>(it->second.get());
  }

 private:
  absl::flat_hash_map<std::string, std::unique_ptr<StateData>> data_;
};

// Every plugin has a name, unique in the registry ("NodeResourcesFit").
class Plugin {
 public:
  virtual ~Plugin() = default;
  virtual std::string_view Name() const = 0;
};

// Runs once per pod before filtering: precomputes, or rejects the pod outright
// (kUnschedulable*: no node can fit), or kSkip to leave its Filter out.
class PreFilterPlugin : public virtual Plugin {
 public:
  virtual PluginStatus PreFilter(CycleState& state, const PodInfo& pod) = 0;
};

// Whether the pod fits one node. Called from several threads at once.
class FilterPlugin : public virtual Plugin {
 public:
  virtual PluginStatus Filter(const CycleState& state, const PodInfo& pod,
                              const NodeInfo& node) const = 0;
};

// Runs once per pod with the feasible nodes, before scoring; kSkip leaves its
// Score out for this pod.
class PreScorePlugin : public virtual Plugin {
 public:
  virtual PluginStatus PreScore(CycleState& state, const PodInfo& pod,
                                const std::vector<const NodeInfo*>& nodes) = 0;
};

// Ranks a feasible node, 0..kMaxNodeScore (or any range NormalizeScore maps into
// it). Called from several threads at once.
class ScorePlugin : public virtual Plugin {
 public:
  virtual int64_t Score(const CycleState& state, const PodInfo& pod,
                        const NodeInfo& node) const = 0;
  // Rescales the scores of all feasible nodes (same order as the nodes) into
  // 0..kMaxNodeScore. The default leaves them as they are.
  virtual void NormalizeScore(const CycleState& state, const PodInfo& pod,
                              std::vector<int64_t>& scores) const {}
};

// upstream's helper.DefaultNormalizeScore: scales scores so the highest becomes
// max_priority; with `reverse`, the highest becomes 0 and the lowest max_priority.
void DefaultNormalizeScore(int64_t max_priority, bool reverse, std::vector<int64_t>& scores);

}  // namespace kube::scheduler::framework
