#pragma once

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "common/client/client.h"
#include "common/events/event_recorder.h"
#include "k8s/core/v1/core.pb.h"
#include "kubelet/node/machine_info.h"
#include "kubelet/node/node_status.h"

namespace kube::kubelet {

struct NodeAgentOptions {
  NodeConfig config;
  MachineInfo machine;
  bool register_node = true;  // --register-node
  // How often the status is computed (--node-status-update-frequency); it is
  // written when it changed, or at least every report_interval.
  absl::Duration update_frequency = absl::Seconds(10);
  absl::Duration report_interval = absl::Minutes(5);
  std::function<absl::Time()> clock = absl::Now;
  // The container runtime's readiness (drives the Ready condition).
  std::function<absl::Status()> runtime_ready;
};

// Registers the kubelet's Node, keeps its status current and registers it again if
// the Node is deleted (upstream's kubelet_node_status.go). Thread-safe.
class NodeAgent {
 public:
  // `recorder` may be null; it must outlive the agent.
  NodeAgent(client::Client client, NodeAgentOptions options, events::EventRecorder* recorder);
  ~NodeAgent();
  NodeAgent(const NodeAgent&) = delete;
  NodeAgent& operator=(const NodeAgent&) = delete;

  // Creates the Node, or adopts the existing one (fixing the labels the kubelet
  // owns). Called by the loop; exposed for tests.
  absl::Status Register();
  // Computes the status and writes it when it changed or a report is due;
  // NotFound when the Node is gone.
  absl::Status SyncStatus();

  // Runs register-then-update on a thread of its own until Stop().
  void Start();
  void Stop();

  // The registered Node's uid ("" until registered).
  std::string NodeUid();
  bool Registered();
  // Waits until registered (true) or timeout.
  bool WaitForRegistration(absl::Duration timeout);

 private:
  void Loop();

  const client::Client client_;
  const NodeAgentOptions options_;
  events::EventRecorder* const recorder_;  // may be null

  absl::Mutex mu_;
  std::string node_uid_ ABSL_GUARDED_BY(mu_);  // "" while not registered
  absl::Time last_report_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  std::string last_ready_ ABSL_GUARDED_BY(mu_);  // Ready condition last written

  absl::Notification stop_;
  std::thread thread_;
};

}  // namespace kube::kubelet
