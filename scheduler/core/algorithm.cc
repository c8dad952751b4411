#include "scheduler/core/algorithm.h"

#include <algorithm>
#include <atomic>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "common/util/strings.h"
#include "scheduler/core/fit_error.h"

namespace kube::scheduler::core {
namespace {

constexpr int kMinFeasibleNodesToFind = 100;
constexpr int kMinFeasibleNodesPercentageToFind = 5;
constexpr int kDefaultPercentageOfNodesToScore = 50;

}  // namespace

Algorithm::Algorithm(const framework::Profile& profile, framework::Parallelizer& parallelizer,
                     int percentage_of_nodes_to_score, uint64_t seed)
    : profile_(profile),
      parallelizer_(parallelizer),
      percentage_of_nodes_to_score_(percentage_of_nodes_to_score),
      random_(seed) {}

int Algorithm::NumFeasibleNodesToFind(int percentage, int num_all_nodes) {
  if (num_all_nodes < kMinFeasibleNodesToFind || percentage >= 100) return num_all_nodes;
  if (percentage <= 0) {
    percentage = kDefaultPercentageOfNodesToScore - num_all_nodes / 125;
    percentage = std::max(percentage, kMinFeasibleNodesPercentageToFind);
  }
  int64_t count = static_cast<int64_t>(num_all_nodes) * percentage / 100;
  return static_cast<int>(std::max<int64_t>(count, kMinFeasibleNodesToFind));
}

ScheduleResult Algorithm::Schedule(const framework::PodInfo& pod,
                                   const cache::Snapshot& snapshot) {
  ScheduleResult result;
  const std::vector<const framework::NodeInfo*>& all = snapshot.nodes();
  const int num_nodes = static_cast<int>(all.size());
  FitError fit_error;
  fit_error.num_all_nodes = num_nodes;
  if (num_nodes == 0) {
    result.outcome = ScheduleResult::Outcome::kUnschedulable;
    result.message = fit_error.Message();
    return result;
  }

  framework::CycleState state;
  framework::PluginStatus pre_filter = profile_.RunPreFilter(state, pod);
  if (pre_filter.code() == framework::Code::kError) {
    result.message = StrCat("running PreFilter plugin \"", pre_filter.plugin(), "\": ",
                            pre_filter.Message());
    return result;
  }
  if (!pre_filter.ok()) {
    fit_error.pre_filter_message = pre_filter.Message();
    result.outcome = ScheduleResult::Outcome::kUnschedulable;
    result.message = fit_error.Message();
    return result;
  }

  // Filter, in parallel, until enough nodes fit.
  const int wanted = NumFeasibleNodesToFind(percentage_of_nodes_to_score_, num_nodes);
  std::vector<const framework::NodeInfo*> feasible(wanted);
  std::atomic<int> found{0};
  std::atomic<int> processed{0};
  absl::Mutex failures_mu;  // guards fit_error and error_message while filtering
  std::string error_message;
  const size_t start = next_start_node_index_ % all.size();
  parallelizer_.Until(num_nodes, [&](int i) {
    if (found.load(std::memory_order_relaxed) >= wanted) return;
    const framework::NodeInfo* node = all[(start + i) % all.size()];
    framework::PluginStatus status = profile_.RunFilter(state, pod, *node);
    processed.fetch_add(1, std::memory_order_relaxed);
    if (status.ok()) {
      int index = found.fetch_add(1, std::memory_order_relaxed);
      if (index < wanted) feasible[index] = node;
      return;
    }
    absl::MutexLock lock(&failures_mu);
    if (status.code() == framework::Code::kError) {
      error_message = StrCat("running \"", status.plugin(), "\" filter plugin: ", status.Message());
    } else {
      fit_error.Add(status);
    }
  });
  feasible.resize(std::min(found.load(), wanted));
  next_start_node_index_ = (start + processed.load()) % all.size();
  result.evaluated_nodes = processed.load();
  result.feasible_nodes = static_cast<int>(feasible.size());
  if (!error_message.empty()) {
    result.message = std::move(error_message);
    return result;
  }
  if (feasible.empty()) {
    result.outcome = ScheduleResult::Outcome::kUnschedulable;
    result.message = fit_error.Message();
    return result;
  }

  result.outcome = ScheduleResult::Outcome::kScheduled;
  if (feasible.size() == 1) {
    result.node = feasible[0]->name();
    return result;
  }
  std::vector<int64_t> scores = profile_.RunScore(state, pod, feasible, parallelizer_);
  // The highest score; among equals each is equally likely (reservoir sampling).
  size_t best = 0;
  int ties = 1;
  for (size_t i = 1; i < scores.size(); ++i) {
    if (scores[i] > scores[best]) {
      best = i;
      ties = 1;
    } else if (scores[i] == scores[best]) {
      ++ties;
      if (std::uniform_int_distribution<int>(0, ties - 1)(random_) == 0) best = i;
    }
  }
  result.node = feasible[best]->name();
  return result;
}

}  // namespace kube::scheduler::core
