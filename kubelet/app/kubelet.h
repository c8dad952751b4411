#pragma once

#include <functional>
#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/notification.h"
#include "common/client/client.h"
#include "common/events/event_recorder.h"
#include "kubelet/app/options.h"
#include "kubelet/node/machine_info.h"
#include "kubelet/node/node_agent.h"
#include "kubelet/node/node_lease.h"
#include "kubelet/pods/pod_manager.h"
#include "kubelet/runtime/runtime.h"
#include "common/health/health_server.h"
#include "kubelet/server/kubelet_server.h"

namespace kube::kubelet {

// One kubelet: the node agent and its lease, and the pods bound to the node driven
// through the runtime. Everything it knows it can learn again from the API server
// and the runtime, so it may be killed at any moment.
class Kubelet {
 public:
  // `transport` reaches the API server; `runtime` runs containers. `machine`
  // describes the node (read from the machine by main, made up by hollow nodes).
  static absl::StatusOr<std::unique_ptr<Kubelet>> Create(
      KubeletOptions options, std::shared_ptr<client::Transport> transport,
      std::unique_ptr<Runtime> runtime, MachineInfo machine);
  // Stops everything (Shutdown) first.
  ~Kubelet();
  Kubelet(const Kubelet&) = delete;
  Kubelet& operator=(const Kubelet&) = delete;

  // Starts the loops and blocks until Shutdown(). `on_ready` runs once the server
  // listens and the pod workers run.
  absl::Status Run(const std::function<void()>& on_ready = nullptr);
  // Makes Run return after stopping the loops. Containers keep running: a new
  // kubelet adopts them. Safe from any thread, more than once.
  void Shutdown();

  Runtime& runtime() { return *runtime_; }

 private:
  Kubelet(KubeletOptions options, std::shared_ptr<client::Transport> transport,
          std::unique_ptr<Runtime> runtime, MachineInfo machine);

  const KubeletOptions options_;
  const std::shared_ptr<client::Transport> transport_;
  const std::unique_ptr<Runtime> runtime_;
  const MachineInfo machine_;
  // Declared in dependency order: destroyed in reverse.
  std::unique_ptr<events::EventRecorder> recorder_;
  std::unique_ptr<NodeAgent> node_agent_;
  std::unique_ptr<NodeLease> node_lease_;
  std::unique_ptr<PodManager> pods_;
  std::unique_ptr<KubeletServer> server_;
  std::unique_ptr<health::HealthServer> health_;  // --healthz-port; null when 0
  absl::Notification shutdown_;
};

}  // namespace kube::kubelet
