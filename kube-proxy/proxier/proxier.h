#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <thread>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "kube-proxy/proxier/rule_backend.h"
#include "kube-proxy/proxier/snapshot.h"
#include "kube-proxy/proxier/sync_metrics.h"
#include "kube-proxy/runner/runner.h"

namespace kube::proxy::proxier {

struct ProxierOptions {
  absl::Duration sync_period = absl::Seconds(30);     // --iptables-sync-period: full resync
  absl::Duration min_sync_period = absl::Seconds(1);  // --iptables-min-sync-period: burst batching
};

// The level-driven core of kube-proxy: informer events only mark the state dirty
// (OnChange); one sync thread then takes a Snapshot of the caches and hands it to
// the RuleBackend, at most once per min_sync_period, and unconditionally once per
// sync_period. A sync whose snapshot equals the last one applied does nothing.
// After a successful sync, conntrack entries that the change made stale are
// deleted (UDP). A failed sync is retried after min_sync_period.
class Proxier {
 public:
  using SnapshotSource = std::function<Snapshot()>;

  // `conntrack` may be null (no conntrack cleanup); it is borrowed and must
  // outlive the Proxier, as must `metrics`.
  Proxier(ProxierOptions options, std::unique_ptr<RuleBackend> backend, runner::Runner* conntrack,
          SyncMetrics& metrics, SnapshotSource source);
  ~Proxier();
  Proxier(const Proxier&) = delete;
  Proxier& operator=(const Proxier&) = delete;

  // Something in the caches changed. Any thread; cheap.
  void OnChange();
  // Starts the sync thread, which syncs at once. Call once the caches synced.
  void Start();
  // Stops and joins the sync thread (a sync in progress finishes first). Rules
  // stay in place, as upstream leaves them on exit.
  void Stop();

  // One sync pass on the calling thread: what the sync thread runs. Tests call
  // it directly; never concurrently with a running sync thread.
  absl::Status SyncNow(bool force);
  // Whether a sync has succeeded (for /readyz).
  bool HasSynced() const { return synced_.load(); }

 private:
  void Loop();

  // Constant after construction.
  const ProxierOptions options_;
  const std::unique_ptr<RuleBackend> backend_;
  runner::Runner* const conntrack_;
  SyncMetrics& metrics_;
  const SnapshotSource source_;

  // Used only by the thread running SyncNow (the sync thread).
  std::optional<Snapshot> last_applied_;

  absl::Mutex mu_;
  absl::CondVar wake_;                       // signalled by OnChange and Stop
  bool dirty_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;

  std::atomic<bool> synced_{false};
  std::thread thread_;  // runs Loop(); joined by Stop()
};

}  // namespace kube::proxy::proxier
