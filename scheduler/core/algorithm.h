#pragma once

#include <cstdint>
#include <random>
#include <string>

#include "scheduler/cache/snapshot.h"
#include "scheduler/framework/parallelizer.h"
#include "scheduler/framework/profile.h"

namespace kube::scheduler::core {

// The verdict of one scheduling attempt.
struct ScheduleResult {
  enum class Outcome {
    kScheduled,      // `node` is where the pod goes
    kUnschedulable,  // no node fits; `message` says why ("0/3 nodes are available: ...")
    kError,          // a plugin failed; `message` is its error
  };
  Outcome outcome = Outcome::kError;
  std::string node;
  std::string message;
  int evaluated_nodes = 0;  // nodes filtered
  int feasible_nodes = 0;   // of which fit (and were scored)
};

// upstream's schedulePod: runs PreFilter, then Filter over the snapshot's nodes in
// parallel chunks, starting where the last pod stopped and stopping once enough
// feasible nodes are found (percentageOfNodesToScore), then scores those and picks
// the highest, breaking ties at random. Used by the scheduling thread only; the
// profile and parallelizer must outlive it.
class Algorithm {
 public:
  // `percentage_of_nodes_to_score` 0 means upstream's adaptive default.
  Algorithm(const framework::Profile& profile, framework::Parallelizer& parallelizer,
            int percentage_of_nodes_to_score, uint64_t seed = std::random_device()());

  ScheduleResult Schedule(const framework::PodInfo& pod, const cache::Snapshot& snapshot);

  // How many feasible nodes to look for among `num_all_nodes` (upstream's
  // numFeasibleNodesToFind): all below 100 nodes; else the percentage, by default
  // 50% - nodes/125 but at least 5%, and never fewer than 100 nodes.
  static int NumFeasibleNodesToFind(int percentage_of_nodes_to_score, int num_all_nodes);

 private:
  const framework::Profile& profile_;
  framework::Parallelizer& parallelizer_;
  const int percentage_of_nodes_to_score_;
  size_t next_start_node_index_ = 0;  // round-robin start of the node search
  std::mt19937_64 random_;            // tie breaking
};

}  // namespace kube::scheduler::core
