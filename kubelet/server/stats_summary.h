#pragma once

#include <cstdint>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "kubelet/runtime/runtime.h"
#include "kubelet/server/node_stats.h"

namespace kube::kubelet {

// Builds /stats/summary (upstream's stats/v1alpha1 Summary, as JSON): the node's
// CPU, memory and filesystem from /proc and statvfs, and per pod and container
// the runtime's stats (CRI ListContainerStats). Rates (usageNanoCores) come from
// the previous call's sample. Thread-safe.
class StatsSummary {
 public:
  // `runtime` must outlive this object.
  StatsSummary(std::string node_name, std::string root_dir, Runtime& runtime,
               std::string proc = "/proc");

  absl::StatusOr<std::string> Json();

 private:
  // Cores in use since the last sample of the same cumulative counter.
  uint64_t NodeNanoCores(const NodeStats& now) ABSL_LOCKS_EXCLUDED(mu_);

  const std::string node_name_;
  const std::string root_dir_;
  Runtime& runtime_;
  const std::string proc_;
  const absl::Time start_time_;

  absl::Mutex mu_;
  absl::Time last_time_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  uint64_t last_cpu_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace kube::kubelet
