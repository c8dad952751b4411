#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <tuple>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "k8s/core/v1/core.pb.h"
#include "scheduler/queue/queued_pod_info.h"

namespace kube::scheduler::queue {

struct QueueOptions {
  // Backoff per pod: initial * 2^(attempts-1), capped (upstream's defaults).
  absl::Duration initial_backoff = absl::Seconds(1);
  absl::Duration max_backoff = absl::Seconds(10);
  // Unschedulable pods waiting longer than this go back to be retried even if no
  // cluster event moved them.
  absl::Duration max_unschedulable_wait = absl::Seconds(60);
  // How often the background flusher looks for such pods.
  absl::Duration unschedulable_flush_interval = absl::Seconds(30);
  std::function<absl::Time()> clock = absl::Now;
};

// How many pods wait where, for /metrics (scheduler_pending_pods{queue=...}).
struct PendingCounts {
  int64_t active = 0;
  int64_t backoff = 0;
  int64_t unschedulable = 0;
  int64_t gated = 0;
};

// upstream's PriorityQueue, the three queues pending pods move between:
//  - active: ready to schedule; highest spec.priority first, then FIFO.
//  - backoff: failed recently; each waits out its own backoff, then goes active.
//  - unschedulable: no node fits; waits for a cluster event (MoveAllToActiveOrBackoff),
//    or max_unschedulable_wait.
// Pods with scheduling gates wait aside until their gates are removed.
// Thread-safe: informer handlers add, update and delete; the scheduling thread pops
// and returns failures.
class SchedulingQueue {
 public:
  explicit SchedulingQueue(QueueOptions options = {});
  // Close()s and joins the flusher.
  ~SchedulingQueue();
  SchedulingQueue(const SchedulingQueue&) = delete;
  SchedulingQueue& operator=(const SchedulingQueue&) = delete;

  // Starts the background thread that moves pods out of backoff when due and
  // flushes long-waiting unschedulable pods.
  void Start();
  // Wakes Pop callers (they get nullptr) and stops the flusher. Idempotent.
  void Close();

  // A new pending pod (from the informer).
  void Add(std::shared_ptr<const framework::PodInfo> pod);
  // A pending pod changed. A change beyond status and metadata bookkeeping moves an
  // unschedulable pod to be retried; a pod in no queue (being scheduled, or missed)
  // is added to the active queue.
  void Update(const k8s::core::v1::Pod& old_pod, std::shared_ptr<const framework::PodInfo> pod);
  // The pod was deleted or bound: it leaves every queue.
  void Delete(const k8s::core::v1::Pod& pod);
  // Something in the cluster changed that may let unschedulable pods fit (a node
  // added or updated, a pod deleted): every unschedulable pod goes to backoff or,
  // if its backoff is over, to active. `event` names it in logs.
  void MoveAllToActiveOrBackoff(std::string_view event);

  // Blocks until a pod is active and hands it out (attempts counted, a new
  // scheduling cycle begun); nullptr once closed.
  std::unique_ptr<QueuedPodInfo> Pop();
  // The pod popped in `cycle` did not fit. It waits in unschedulable, or in
  // backoff if a cluster event came after its cycle began (it might fit now).
  // Dropped if the pod was re-added meanwhile.
  void AddUnschedulableIfNotPresent(std::unique_ptr<QueuedPodInfo> pod, int64_t cycle);
  // The pod popped failed for another reason (an API error): retry after backoff.
  void AddBackoff(std::unique_ptr<QueuedPodInfo> pod);
  // The number of Pops so far.
  int64_t SchedulingCycle();

  // What the flusher does, exposed for tests (driven by QueueOptions::clock).
  void FlushBackoffCompleted();
  void FlushUnschedulableLeftover();

  PendingCounts Pending();
  // Where the pod is ("active", "backoff", "unschedulable", "gated"), or "" (tests).
  std::string Where(const std::string& key);

 private:
  // Active order: higher priority, then earlier timestamp, then insertion.
  using ActiveKey = std::tuple<int32_t, absl::Time, uint64_t>;  // (-priority, timestamp, seq)
  using BackoffKey = std::tuple<absl::Time, uint64_t>;          // (ready time, seq)
  enum class Location { kActive, kBackoff, kUnschedulable, kGated };
  struct Entry {
    std::unique_ptr<QueuedPodInfo> info;
    Location where;
    ActiveKey active_key;    // kActive
    BackoffKey backoff_key;  // kBackoff
  };

  absl::Time BackoffExpiry(const QueuedPodInfo& info) const;
  void PushActive(std::unique_ptr<QueuedPodInfo> info) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void PushBackoff(std::unique_ptr<QueuedPodInfo> info) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void PushUnschedulable(std::unique_ptr<QueuedPodInfo> info) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void PushGated(std::unique_ptr<QueuedPodInfo> info) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Active, or gated if the pod has scheduling gates.
  void PushReady(std::unique_ptr<QueuedPodInfo> info) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Takes the pod out of whichever queue holds it; null if none.
  std::unique_ptr<QueuedPodInfo> Take(const std::string& key) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Backoff if still backing off, else active.
  void Requeue(std::unique_ptr<QueuedPodInfo> info) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void FlusherLoop();

  const QueueOptions options_;  // constant after construction

  absl::Mutex mu_;
  absl::CondVar active_available_;  // signalled on a push to active and on Close
  absl::CondVar flusher_wakeup_;    // signalled on a push to backoff and on Close
  absl::flat_hash_map<std::string, Entry> entries_ ABSL_GUARDED_BY(mu_);  // every queued pod
  std::map<ActiveKey, std::string> active_ ABSL_GUARDED_BY(mu_);
  std::map<BackoffKey, std::string> backoff_ ABSL_GUARDED_BY(mu_);
  int64_t unschedulable_count_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t gated_count_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t sequence_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t scheduling_cycle_ ABSL_GUARDED_BY(mu_) = 0;
  // The cycle during which the last cluster event moved pods.
  int64_t move_request_cycle_ ABSL_GUARDED_BY(mu_) = -1;
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
  std::thread flusher_;  // started by Start(), joined by Close()/destructor
};

// Whether `new_pod` differs from `old_pod` in more than resourceVersion,
// generation, managedFields and status (upstream's isPodUpdated): only such
// changes can make an unschedulable pod fit.
bool PodSpecOrLabelsChanged(const k8s::core::v1::Pod& old_pod, const k8s::core::v1::Pod& new_pod);

}  // namespace kube::scheduler::queue
