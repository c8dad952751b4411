#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/client/controller.h"
#include "common/client/typed_informer.h"
#include "controller-manager/controller/context.h"
#include "controller-manager/controller/interface.h"
#include "controller-manager/deployment/rollout_math.h"
#include "k8s/apps/v1/apps.pb.h"

namespace kube::kcm::deployment {

// The "deployment" loop: one ReplicaSet per pod template (named
// <deployment>-<pod-template-hash>, owned by the Deployment), rolled with
// RollingUpdate (maxSurge / maxUnavailable, rollout_math.h) or Recreate (old pods
// all gone first). The newest template's ReplicaSet carries the next
// `deployment.kubernetes.io/revision`, so `kubectl rollout history|undo` work (undo
// is kubectl copying an old ReplicaSet's template back, which hashes the same and
// so revives that ReplicaSet). Writes the status and the Available / Progressing
// conditions `kubectl rollout status` reads. The replicaset loop makes the pods.
//
// Threads: deployment and replica set informer threads enqueue deployment keys;
// workers sync one deployment at a time.
class DeploymentController : public ControllerInterface {
 public:
  explicit DeploymentController(ControllerContext& context);

  absl::Status Run() override { return controller_.Run(workers_); }
  void Stop() override { controller_.Stop(); }
  std::vector<client::WorkQueueMetrics> QueueMetrics() override {
    return {controller_.queue().Metrics()};
  }

 private:
  using Deployment = k8s::apps::v1::Deployment;
  using ReplicaSet = k8s::apps::v1::ReplicaSet;
  using RSPtr = std::shared_ptr<const ReplicaSet>;

  absl::Status Sync(const std::string& key);
  void EnqueueOwner(const ReplicaSet& rs);
  absl::StatusOr<RSPtr> CreateReplicaSet(const Deployment& d, const std::string& hash,
                                         int32_t replicas, int64_t revision);
  // Writes spec.replicas and the revision annotation when they differ.
  absl::Status ScaleReplicaSet(const ReplicaSet& rs, int32_t replicas, int64_t revision,
                               bool* changed);
  absl::Status WriteStatus(const Deployment& d, const std::vector<RSPtr>& owned,
                           const RSPtr& new_rs, const Fenceposts& fenceposts, bool progressed);
  void CleanupHistory(const Deployment& d, const std::vector<RSPtr>& old_sets);

  const int workers_;
  const client::Client client_;
  events::EventRecorder& recorder_;
  client::Informer<Deployment> deployments_;
  client::Informer<ReplicaSet> replica_sets_;
  client::Controller controller_;
};

}  // namespace kube::kcm::deployment
