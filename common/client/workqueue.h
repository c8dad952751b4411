#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <queue>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/client/rate_limiter.h"

namespace kube::client {

// Counters of one queue, for /metrics (client-go's workqueue metrics, per name).
struct WorkQueueMetrics {
  std::string name;
  int64_t adds = 0;       // items that entered the queue (de-duplicated adds are not counted)
  int64_t depth = 0;      // items waiting to be handed to a worker
  int64_t processing = 0;  // items handed out and not yet Done
  int64_t retries = 0;    // AddRateLimited calls
  int64_t waiting = 0;    // items waiting for an AddAfter delay
  // From Add until a worker Gets the item.
  absl::Duration queue_latency_sum;
  int64_t queue_latency_count = 0;
  // From Get until Done.
  absl::Duration work_duration_sum;
  int64_t work_duration_count = 0;
};

// client-go's rate-limited work queue for string keys ("namespace/name").
//
//  - An item is queued at most once: adding a queued item does nothing.
//  - An item is handed to one worker at a time: added while being processed, it is
//    queued again when that worker calls Done.
//  - Items come out in the order they were first added.
//  - AddAfter holds an item back until a delay passes (one timer thread per queue);
//    AddRateLimited takes the delay from the rate limiter.
//
// Thread-safe. Every item a Get returns must be passed to Done.
class WorkQueue {
 public:
  explicit WorkQueue(std::string name,
                     std::unique_ptr<RateLimiter> rate_limiter = DefaultControllerRateLimiter());
  // Shuts the queue down and joins the timer thread.
  ~WorkQueue();
  WorkQueue(const WorkQueue&) = delete;
  WorkQueue& operator=(const WorkQueue&) = delete;

  // Queues `item` unless it is queued already; ignored after shutdown.
  void Add(std::string_view item);
  // Blocks until an item is available and hands it out; false once the queue is
  // shut down and empty.
  bool Get(std::string* item);
  // Marks `item` as processed; re-queues it if it was added meanwhile.
  void Done(std::string_view item);
  // Items waiting to be handed out (not counting delayed ones).
  int Len();

  // Adds `item` once `delay` has passed (at once if it is not positive). An item
  // already waiting keeps the earlier of its two ready times.
  void AddAfter(std::string_view item, absl::Duration delay);
  // Adds `item` after the delay the rate limiter gives it (its backoff).
  void AddRateLimited(std::string_view item);
  // Resets the item's backoff (it succeeded). Does not remove it from the queue.
  void Forget(std::string_view item);
  int NumRequeues(std::string_view item);

  // Stops accepting items and drops delayed ones; Get still hands out the queued
  // items, then returns false. Does not wait for workers.
  void ShutDown();
  // ShutDown, then waits until every queued item was handed out and Done (so
  // workers must keep calling Get and Done) or `timeout` passes. True if drained.
  bool ShutDownWithDrain(absl::Duration timeout = absl::InfiniteDuration());
  bool ShuttingDown();

  WorkQueueMetrics Metrics();
  const std::string& name() const { return name_; }

 private:
  // An AddAfter entry; the heap keeps the earliest `ready` on top, then FIFO.
  struct Delayed {
    absl::Time ready;
    uint64_t sequence;
    std::string item;
    bool operator>(const Delayed& other) const {
      return ready != other.ready ? ready > other.ready : sequence > other.sequence;
    }
  };

  void AddLocked(std::string item, absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Moves every delayed item whose time has come into the queue, then sleeps until
  // the next one is due, a new one arrives, or shutdown.
  void TimerLoop();
  bool DrainedLocked() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return queue_.empty() && processing_.empty();
  }

  const std::string name_;  // constant after construction
  const std::unique_ptr<RateLimiter> rate_limiter_;  // thread-safe on its own

  mutable absl::Mutex mu_;
  absl::CondVar item_available_;  // signalled on push to queue_ and on shutdown
  absl::CondVar timer_wakeup_;    // signalled on a new delayed item and on shutdown
  absl::CondVar item_done_;       // signalled by Done, for ShutDownWithDrain
  std::deque<std::string> queue_ ABSL_GUARDED_BY(mu_);  // ready items, FIFO
  // Every item that was added and not yet handed out, with when it was added. An
  // item in here and in processing_ goes back into queue_ at Done.
  absl::flat_hash_map<std::string, absl::Time> dirty_ ABSL_GUARDED_BY(mu_);
  // Items handed out by Get and not yet Done, with when they were handed out.
  absl::flat_hash_map<std::string, absl::Time> processing_ ABSL_GUARDED_BY(mu_);
  // Delayed items. Heap entries whose time no longer matches waiting_ are stale.
  std::priority_queue<Delayed, std::vector<Delayed>, std::greater<>> delayed_
      ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, absl::Time> waiting_ ABSL_GUARDED_BY(mu_);
  uint64_t next_sequence_ ABSL_GUARDED_BY(mu_) = 0;  // FIFO among equal ready times
  bool shutting_down_ ABSL_GUARDED_BY(mu_) = false;  // set once, never cleared
  WorkQueueMetrics metrics_ ABSL_GUARDED_BY(mu_);  // depth/processing/waiting set on read

  std::thread timer_;  // runs TimerLoop; joined by the destructor
};

}  // namespace kube::client
