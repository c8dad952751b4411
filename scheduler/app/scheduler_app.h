#pragma once

#include <functional>
#include <atomic>
#include <memory>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/notification.h"
#include "common/client/leader_election.h"
#include "common/client/transport.h"
#include "common/client/typed_informer.h"
#include "common/events/event_recorder.h"
#include "k8s/core/v1/core.pb.h"
#include "common/health/health_server.h"
#include "scheduler/app/options.h"
#include "scheduler/cache/cache.h"
#include "scheduler/core/api_pod_writer.h"
#include "scheduler/core/event_handlers.h"
#include "scheduler/core/scheduler.h"
#include "scheduler/metrics/metrics.h"
#include "scheduler/queue/scheduling_queue.h"

namespace kube::scheduler::app {

// kube-scheduler, wired: informers on nodes, pods and services feed the cache and
// the queue; the secure port (HTTPS, callers authenticated and authorized through
// the apiserver) answers /healthz, /livez, /readyz and /metrics; leader election on
// a Lease decides when this replica schedules.
class SchedulerApp {
 public:
  static absl::StatusOr<std::unique_ptr<SchedulerApp>> Create(
      Options options, std::shared_ptr<client::Transport> transport);
  ~SchedulerApp();
  SchedulerApp(const SchedulerApp&) = delete;
  SchedulerApp& operator=(const SchedulerApp&) = delete;

  // Starts the informers and the health server, waits for the caches, then
  // schedules while it leads (always without --leader-elect). Blocks until
  // Shutdown() (OK) or until the lease is lost (an error: the process should exit
  // and be restarted, as upstream's does). `on_ready` runs once the caches synced
  // (health is served and a standby is ready to lead).
  absl::Status Run(const std::function<void()>& on_ready = nullptr);
  // Stops scheduling and releases the lease. Safe from any thread (a signal
  // handler thread), more than once.
  void Shutdown();

 private:
  SchedulerApp(Options options, std::shared_ptr<client::Transport> transport);
  absl::Status Init();
  void StartLeading();
  void StopLeading();
  metrics::Gauges ReadGauges();

  // Constant after construction.
  const Options options_;
  const std::shared_ptr<client::Transport> transport_;

  metrics::SchedulerMetrics metrics_;
  cache::Cache cache_;
  queue::SchedulingQueue queue_;
  core::EventHandlers handlers_;
  core::ApiPodWriter writer_;
  std::unique_ptr<events::EventRecorder> recorder_;
  client::Informer<k8s::core::v1::Node> nodes_;
  client::Informer<k8s::core::v1::Pod> pods_;
  client::Informer<k8s::core::v1::Service> services_;
  std::unique_ptr<core::Scheduler> scheduler_;
  std::unique_ptr<health::HealthServer> health_;  // null with --secure-port=0
  std::unique_ptr<client::LeaderElector> elector_;  // null without --leader-elect

  std::atomic<bool> synced_{false};
  std::atomic<bool> leading_{false};
  std::atomic<bool> lost_lease_{false};
  absl::Notification shutdown_;  // notified by Shutdown()
  std::thread scheduling_thread_;  // runs scheduler_->Run() while leading; joined by StopLeading
};

}  // namespace kube::scheduler::app
