#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "common/client/client.h"
#include "common/client/typed_informer.h"
#include "controller-manager/controller/context.h"
#include "controller-manager/controller/interface.h"
#include "controller-manager/nodelifecycle/taints.h"
#include "k8s/coordination/v1/coordination.pb.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::kcm::nodelifecycle {

// The "nodelifecycle" loop. Every --node-monitor-period it looks at each Node:
//  - a node whose Lease (kube-node-lease/<node>) and Ready heartbeat have not
//    changed for --node-monitor-grace-period, timed by this process's own clock
//    from when it saw them change, gets its conditions set to Unknown
//    ("Kubelet stopped posting node status.") and its pods marked not ready;
//  - the node.kubernetes.io/unreachable (Unknown) or not-ready (False) taint is
//    kept in step with Ready, as NoSchedule and NoExecute;
//  - pods on a node with NoExecute taints are deleted once their toleration runs
//    out (taints.h), so their controllers replace them on other nodes.
//
// Threads: one, Run's; the monitor state below is only touched there.
class NodeLifecycleController : public ControllerInterface {
 public:
  explicit NodeLifecycleController(ControllerContext& context);

  absl::Status Run() override;
  void Stop() override;
  std::vector<client::WorkQueueMetrics> QueueMetrics() override { return {}; }

 private:
  using Node = k8s::core::v1::Node;

  // What was last seen of a node's heartbeats, and when it changed.
  struct Health {
    int64_t lease_renew_micros = -1;
    int64_t ready_heartbeat_seconds = -1;
    absl::Time probe_time;
  };

  void MonitorOnce();
  void MonitorNode(const Node& node, absl::Time now);
  absl::Status MarkUnknown(const Node& node, absl::Time now);
  absl::Status MarkPodsNotReady(const std::string& node_name);
  absl::Status WriteTaints(const Node& node, const std::string& ready_status, absl::Time now);
  void EvictPods(const Node& node, absl::Time now);

  const ControllerSettings& settings_;
  const client::Client client_;
  events::EventRecorder& recorder_;
  client::Informer<Node> nodes_;
  client::Informer<k8s::coordination::v1::Lease> leases_;
  client::Informer<k8s::core::v1::Pod> pods_;

  std::map<std::string, Health> health_;  // Run's thread only
  absl::Notification stop_;
};

}  // namespace kube::kcm::nodelifecycle
