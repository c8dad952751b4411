#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/synchronization/notification.h"
#include "common/client/client.h"
#include "common/client/typed_informer.h"
#include "controller-manager/controller/context.h"
#include "controller-manager/controller/interface.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::kcm::podgc {

// The "podgc" loop: every --pod-gc-period it force-deletes (grace period 0) pods
// bound to a Node that no longer exists — checked against the server, not just
// the cache — since no kubelet will ever finish them; their controllers then
// replace them elsewhere. Unscheduled terminating pods go the same way.
//
// Threads: one, Run's.
class PodGcController : public ControllerInterface {
 public:
  explicit PodGcController(ControllerContext& context);

  absl::Status Run() override;
  void Stop() override;
  std::vector<client::WorkQueueMetrics> QueueMetrics() override { return {}; }

 private:
  void CollectOnce();
  absl::Status ForceDelete(const k8s::core::v1::Pod& pod);

  const absl::Duration period_;
  const client::Client client_;
  client::Informer<k8s::core::v1::Pod> pods_;
  client::Informer<k8s::core::v1::Node> nodes_;
  absl::Notification stop_;
};

}  // namespace kube::kcm::podgc
