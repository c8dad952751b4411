#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace kube::kubelet {

// The machine's CPU, memory and root-dir filesystem figures, as the kubelet
// reports them in /stats/summary and /metrics.
struct NodeStats {
  absl::Time time;
  uint64_t cpu_usage_core_nanoseconds = 0;  // cumulative over all CPUs since boot
  uint64_t memory_total_bytes = 0;
  uint64_t memory_available_bytes = 0;
  uint64_t memory_usage_bytes = 0;        // total - free
  uint64_t memory_working_set_bytes = 0;  // usage - inactive file pages
  uint64_t fs_capacity_bytes = 0;
  uint64_t fs_available_bytes = 0;
  uint64_t fs_used_bytes = 0;
};

// Reads them from `proc` (normally /proc: stat and meminfo) and the filesystem
// holding `root_dir`. Unavailable when /proc cannot be read.
absl::StatusOr<NodeStats> ReadNodeStats(const std::string& proc, const std::string& root_dir);

// The resident set size of this process, from /proc/self/statm (0 if unknown).
uint64_t ProcessResidentBytes();

}  // namespace kube::kubelet
