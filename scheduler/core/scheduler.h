#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "absl/synchronization/notification.h"
#include "common/events/event_recorder.h"
#include "scheduler/cache/cache.h"
#include "scheduler/cache/snapshot.h"
#include "scheduler/core/algorithm.h"
#include "scheduler/core/pod_writer.h"
#include "scheduler/core/worker_pool.h"
#include "scheduler/framework/parallelizer.h"
#include "scheduler/framework/profile.h"
#include "scheduler/metrics/metrics.h"
#include "scheduler/queue/scheduling_queue.h"

namespace kube::scheduler::core {

struct SchedulerOptions {
  // Share of nodes to find feasible before scoring; 0 is upstream's adaptive default.
  int percentage_of_nodes_to_score = 0;
  // Threads filtering and scoring one pod (the scheduling thread included).
  int parallelism = 2;
  // Threads making binding and status calls, so that many are in flight at once.
  int api_workers = 32;
  // How often assumed pods whose binding never showed up are expired.
  absl::Duration cleanup_interval = absl::Seconds(1);
};

// The scheduling loop (upstream's scheduleOne): pop a pod, snapshot the cache,
// run the algorithm, assume the pod on its node, and bind it asynchronously while
// the next pod is scheduled. Failures go back to the queue, with a FailedScheduling
// event and the pod's PodScheduled condition set to False (written only when it
// changes); successful bindings record a Scheduled event.
//
// The queue, cache, writer, recorder and metrics are borrowed and must outlive the
// Scheduler; `recorder` may be null (no events).
class Scheduler {
 public:
  Scheduler(SchedulerOptions options, std::unique_ptr<framework::Profile> profile,
            cache::Cache& cache, queue::SchedulingQueue& queue, PodWriter& writer,
            events::EventRecorder* recorder, metrics::SchedulerMetrics& metrics);
  // Stop()s and waits for the bindings in flight.
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Schedules pods until Stop(). Blocks; call it once.
  void Run();
  // Makes Run return (closing the queue). Safe from any thread.
  void Stop();

  // One pod: waits for one, schedules it and starts its binding. False once the
  // queue is closed. For tests and Run.
  bool ScheduleOne();
  // Waits until every binding and status write started so far has finished (tests).
  void WaitForApiCalls() { api_calls_.Wait(); }

  const framework::Profile& profile() const { return *profile_; }

 private:
  using QueuedPod = std::unique_ptr<queue::QueuedPodInfo>;

  void Bind(std::shared_ptr<queue::QueuedPodInfo> pod, const std::string& node);
  // The pod did not fit (`unschedulable`) or failed: tell the pod and the user, and
  // put it back in the queue.
  void HandleFailure(QueuedPod pod, bool unschedulable, const std::string& message, int64_t cycle);

  // Constant after construction.
  const SchedulerOptions options_;
  const std::unique_ptr<framework::Profile> profile_;
  cache::Cache& cache_;
  queue::SchedulingQueue& queue_;
  PodWriter& writer_;
  events::EventRecorder* const recorder_;
  metrics::SchedulerMetrics& metrics_;

  framework::Parallelizer parallelizer_;
  Algorithm algorithm_;       // used by the scheduling thread only
  cache::Snapshot snapshot_;  // used by the scheduling thread only
  absl::Notification stop_;   // notified by Stop()
  WorkerPool api_calls_;      // declared last: its tasks use the members above
};

}  // namespace kube::scheduler::core
