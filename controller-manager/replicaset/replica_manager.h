#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "common/client/client.h"
#include "common/client/controller.h"
#include "common/client/typed_informer.h"
#include "common/events/event_recorder.h"
#include "controller-manager/controller/context.h"
#include "controller-manager/controller/interface.h"
#include "controller-manager/replicaset/expectations.h"
#include "controller-manager/replicaset/replica_kind.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::kcm::replicaset {

struct ReplicaManagerOptions {
  std::string name;  // "replicaset", "replicationmanager": the queue's name
  int workers = 5;
  // At most this many creates or deletes per sync (upstream's burstReplicas).
  int burst_replicas = 500;
};

// The one core behind the ReplicaSet and ReplicationController controllers
// (upstream shares it the same way): keeps `replicas` fungible pods from the
// template, adopting orphans the selector matches and releasing owned pods it no
// longer matches, creating in slow-start batches (1, 2, 4, ...) and deleting the
// cheapest pods first, with expectations so a burst is not doubled, and writes
// the status through the status subresource.
//
// Threads: informer handlers (the pod and owner informers' dispatch threads) only
// enqueue keys and touch `expectations_`; Run's workers sync one key at a time.
class ReplicaManager : public ControllerInterface {
 public:
  ReplicaManager(std::unique_ptr<ReplicaKind> kind, ControllerContext& context,
                 ReplicaManagerOptions options);

  absl::Status Run() override;
  void Stop() override { controller_.Stop(); }
  std::vector<client::WorkQueueMetrics> QueueMetrics() override {
    return {controller_.queue().Metrics()};
  }

 private:
  using Pod = k8s::core::v1::Pod;
  using PodPtr = std::shared_ptr<const Pod>;

  absl::Status Sync(const std::string& key);
  // The active pods `owner` controls after adopting and releasing.
  absl::StatusOr<std::vector<PodPtr>> ClaimPods(const ReplicaOwner& owner);
  absl::Status ManageReplicas(const ReplicaOwner& owner, const std::vector<PodPtr>& pods);
  absl::Status CreatePods(const ReplicaOwner& owner, int count);
  absl::Status DeletePods(const ReplicaOwner& owner, const std::vector<PodPtr>& pods);
  // Rewrites the pod's ownerReferences (409 when the cached pod is stale).
  absl::Status WriteOwnerRefs(const Pod& pod,
                              const std::vector<k8s::meta::v1::OwnerReference>& refs);

  // The owner key when `ref` points at an owner of our kind, else "".
  std::string OwnerKeyFor(const Pod& pod) const;
  void EnqueueMatchingOwners(const Pod& pod);
  void OnPodAdd(const PodPtr& pod);
  void OnPodUpdate(const PodPtr& old_pod, const PodPtr& pod);
  void OnPodDelete(const PodPtr& pod);

  // Constant after construction.
  const std::unique_ptr<ReplicaKind> kind_;
  const ReplicaManagerOptions options_;
  const client::Client client_;
  client::Informer<Pod> pods_;
  events::EventRecorder& recorder_;

  Expectations expectations_;  // thread-safe
  client::Controller controller_;
};

}  // namespace kube::kcm::replicaset
