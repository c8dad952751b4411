#pragma once

#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/client/workqueue.h"

namespace kube::kubelet {

// Upstream's pod workers on the client library's work queue, keyed by pod uid:
// one pod is synced by one thread at a time (the queue never hands a key to two
// workers), pods are synced concurrently, and a pod asks for its next look by the
// duration its sync returns. A failed sync is retried with back-off. Thread-safe.
class PodWorkers {
 public:
  // The sync of one pod: returns when to look again (InfiniteDuration: only when
  // something is enqueued).
  using SyncFunc = std::function<absl::StatusOr<absl::Duration>(const std::string& uid)>;

  PodWorkers(int threads, SyncFunc sync);
  ~PodWorkers();
  PodWorkers(const PodWorkers&) = delete;
  PodWorkers& operator=(const PodWorkers&) = delete;

  // Syncs the pod soon (at once if a worker is free).
  void Enqueue(const std::string& uid);
  void EnqueueAfter(const std::string& uid, absl::Duration delay);

  // Starts the threads; items enqueued before wait for it.
  void Start();
  // Stops taking items and joins the threads (syncs in flight finish first).
  void Stop();

 private:
  void Work();

  const int threads_count_;
  const SyncFunc sync_;
  client::WorkQueue queue_;           // thread-safe
  std::vector<std::thread> threads_;  // started by Start, joined by Stop
};

}  // namespace kube::kubelet
