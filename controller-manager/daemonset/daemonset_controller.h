#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/client/controller.h"
#include "common/client/typed_informer.h"
#include "controller-manager/controller/context.h"
#include "controller-manager/controller/interface.h"
#include "controller-manager/replicaset/expectations.h"
#include "k8s/apps/v1/apps.pb.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::kcm::daemonset {

// The "daemonset" loop: one pod per eligible node (node_eligibility.h), bound to
// the node by spec.nodeName as the pod is created; extra or misplaced pods are
// deleted. A template change rolls out (RollingUpdate) by deleting pods of the old
// template — labelled with the old controller-revision-hash — no more than
// maxUnavailable (default 1) nodes at a time; the next sync makes the new pod.
// Status carries desired/current/ready/updated/available counts for
// `kubectl rollout status`.
//
// Threads: daemon set, pod and node informer threads enqueue daemon set keys;
// workers sync one daemon set at a time.
class DaemonSetController : public ControllerInterface {
 public:
  explicit DaemonSetController(ControllerContext& context);

  absl::Status Run() override { return controller_.Run(workers_); }
  void Stop() override { controller_.Stop(); }
  std::vector<client::WorkQueueMetrics> QueueMetrics() override {
    return {controller_.queue().Metrics()};
  }

 private:
  using DaemonSet = k8s::apps::v1::DaemonSet;
  using Pod = k8s::core::v1::Pod;
  using PodPtr = std::shared_ptr<const Pod>;

  absl::Status Sync(const std::string& key);
  std::string OwnerKeyOf(const Pod& pod) const;
  void EnqueueAll();

  const int workers_;
  const client::Client client_;
  events::EventRecorder& recorder_;
  client::Informer<DaemonSet> daemon_sets_;
  client::Informer<Pod> pods_;
  client::Informer<k8s::core::v1::Node> nodes_;
  replicaset::Expectations expectations_;  // thread-safe
  client::Controller controller_;
};

}  // namespace kube::kcm::daemonset
