#pragma once

#include <functional>
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "common/client/informer_factory.h"
#include "common/client/kubeconfig.h"
#include "common/client/leader_election.h"
#include "common/client/transport.h"
#include "common/events/event_recorder.h"
#include "common/health/health_server.h"
#include "controller-manager/app/options.h"
#include "controller-manager/controller/context.h"
#include "controller-manager/controller/interface.h"

namespace kube::kcm::app {

// kube-controller-manager, wired: the secure port (HTTPS, callers authenticated and
// authorized through the apiserver) answers from the start; once
// this replica leads (at once without --leader-elect), the enabled loops are built
// on one shared informer factory and each runs on a thread of its own.
class ControllerManagerApp {
 public:
  // `transport` is the manager's own client, made from `config` (from which the
  // loops' ServiceAccount clients are made too).
  static absl::StatusOr<std::unique_ptr<ControllerManagerApp>> Create(
      Options options, client::ClientConfig config, std::shared_ptr<client::Transport> transport);
  ~ControllerManagerApp();
  ControllerManagerApp(const ControllerManagerApp&) = delete;
  ControllerManagerApp& operator=(const ControllerManagerApp&) = delete;

  // Serves health, then runs the loops while leading. Blocks until Shutdown() (OK)
  // or until the lease is lost (an error: the process exits and is restarted, as
  // upstream's does, so no state from the old term survives). `on_ready` runs once
  // health is served, before leader election.
  absl::Status Run(const std::function<void()>& on_ready = nullptr);
  // Stops the loops and releases the lease. Safe from any thread, more than once.
  void Shutdown();

 private:
  struct Running {
    std::string name;
    std::unique_ptr<ControllerContext> context;  // outlives the controller built on it
    std::unique_ptr<ControllerInterface> controller;
    std::thread thread;  // runs controller->Run()
  };

  ControllerManagerApp(Options options, client::ClientConfig config,
                       std::shared_ptr<client::Transport> transport);
  absl::Status Init();
  // The client one loop writes with: its ServiceAccount's with
  // --use-service-account-credentials, else the manager's.
  absl::StatusOr<std::shared_ptr<client::Transport>> LoopTransport(const std::string& account);
  void StartLeading();
  void StopLeading();
  std::string Metrics();

  // Constant after construction / Init.
  const Options options_;
  const client::ClientConfig config_;
  const std::shared_ptr<client::Transport> transport_;
  std::unique_ptr<events::EventRecorder> recorder_;
  std::unique_ptr<client::InformerFactory> informers_;
  std::unique_ptr<health::HealthServer> health_;  // null with --secure-port=0
  std::unique_ptr<client::LeaderElector> elector_;  // null without --leader-elect

  absl::Mutex mu_;  // guards running_ (metrics read it from the health server's threads)
  std::vector<Running> running_ ABSL_GUARDED_BY(mu_);

  std::atomic<bool> leading_{false};
  std::atomic<bool> lost_lease_{false};
  absl::Notification shutdown_;  // notified by Shutdown()
};

}  // namespace kube::kcm::app
