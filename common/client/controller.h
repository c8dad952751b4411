#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "common/client/rate_limiter.h"
#include "common/client/workqueue.h"

namespace kube::client {

struct ControllerOptions {
  // Names the queue (metrics) and prefixes log lines.
  std::string name;
  // After this many requeues a failing key is logged and dropped until something
  // adds it again; 0 retries forever (with backoff).
  int max_retries = 15;
  // How failed keys back off; null means DefaultControllerRateLimiter().
  std::unique_ptr<RateLimiter> rate_limiter;
  // Informers' HasSynced: no worker starts before all of them return true.
  std::vector<std::function<bool()>> cache_synced;
  // How often the cache_synced predicates are polled.
  absl::Duration sync_poll_interval = absl::Milliseconds(100);
};

// The loop every controller runs (the Kubernetes controller contract): event
// handlers add "namespace/name" keys to queue(); Run's workers take one key at a
// time and call `reconcile`. Success forgets the key's backoff; an error requeues it
// with backoff, up to max_retries. One key is never reconciled by two workers at
// once, and reconcile reads the world fresh each time (level-triggered).
class Controller {
 public:
  using ReconcileFunc = std::function<absl::Status(const std::string& key)>;

  Controller(ControllerOptions options, ReconcileFunc reconcile);
  // Stop() and Run's return must come first when Run was called.
  ~Controller();
  Controller(const Controller&) = delete;
  Controller& operator=(const Controller&) = delete;

  // Event handlers add keys here; a reconcile may AddAfter its own key to look again
  // later.
  WorkQueue& queue() { return queue_; }
  void Enqueue(const std::string& key) { queue_.Add(key); }

  // Waits for the caches to sync, then runs `workers` worker threads until Stop().
  // Blocks; call it once. Returns Cancelled if stopped before the caches synced.
  // Keys still queued at Stop() are dropped (they are re-listed after a restart);
  // reconciles in flight finish first.
  absl::Status Run(int workers);
  // Makes Run return. Does not block; safe from any thread, more than once.
  void Stop();

  const std::string& name() const { return name_; }

 private:
  bool WaitForCacheSync();
  void Worker();
  // One key: reconcile, then Forget, AddRateLimited or drop.
  void ProcessKey(const std::string& key);

  // Constant after construction.
  const std::string name_;
  const int max_retries_;
  const std::vector<std::function<bool()>> cache_synced_;
  const absl::Duration sync_poll_interval_;
  const ReconcileFunc reconcile_;  // called from several workers at once (distinct keys)
  WorkQueue queue_;            // thread-safe
  std::once_flag stop_once_;   // Stop() may race with itself; Notify must run once
  absl::Notification stop_;    // notified by Stop()
};

}  // namespace kube::client
