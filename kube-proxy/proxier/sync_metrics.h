#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace kube::proxy::proxier {

// kube-proxy's Prometheus metrics, under upstream's names:
//   kubeproxy_sync_proxy_rules_duration_seconds            histogram
//   kubeproxy_sync_proxy_rules_last_timestamp_seconds      gauge (last success)
//   kubeproxy_sync_proxy_rules_last_queued_timestamp_seconds gauge
//   kubeproxy_sync_proxy_rules_iptables_restore_failures_total counter
//   kubeproxy_sync_proxy_rules_no_changes_total (skipped syncs), _total rules gauge
// Thread-safe: the sync thread records, the metrics server's thread renders.
class SyncMetrics {
 public:
  void RecordSync(absl::Duration took, absl::Time finished, int rules);
  void RecordFailure();
  void RecordSkipped();
  void RecordQueued(absl::Time when);

  // The Prometheus text exposition of all of them.
  std::string Render() const;

 private:
  // Upstream's buckets: 1 ms doubling 15 times (up to ~16 s).
  static constexpr int kBuckets = 15;

  mutable absl::Mutex mu_;
  std::array<uint64_t, kBuckets> bucket_counts_ ABSL_GUARDED_BY(mu_) = {};
  uint64_t count_ ABSL_GUARDED_BY(mu_) = 0;
  double sum_seconds_ ABSL_GUARDED_BY(mu_) = 0;
  double last_sync_seconds_ ABSL_GUARDED_BY(mu_) = 0;
  double last_queued_seconds_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t failures_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t skipped_ ABSL_GUARDED_BY(mu_) = 0;
  int rules_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace kube::proxy::proxier
