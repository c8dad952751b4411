#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/client/controller.h"
#include "common/client/typed_informer.h"
#include "controller-manager/controller/context.h"
#include "controller-manager/controller/interface.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::kcm::persistentvolume {

// The "persistentvolume-binder" loop: binds each pending PersistentVolumeClaim to
// a matching PersistentVolume (matching.h) — the volume's claimRef first, then the
// claim's volumeName, then both statuses Bound — and when a bound claim is deleted
// releases its volume: reclaim policy Delete deletes the PersistentVolume, Retain
// (and Recycle, which is not implemented) leaves it Released. A volume that nobody
// claims is Available. No dynamic provisioning.
//
// Keys are "claim:<ns>/<name>" and "volume:<name>" in one queue. Threads: the
// claim and volume informer threads enqueue; workers sync one key at a time.
class BinderController : public ControllerInterface {
 public:
  explicit BinderController(ControllerContext& context);

  absl::Status Run() override { return controller_.Run(workers_); }
  void Stop() override { controller_.Stop(); }
  std::vector<client::WorkQueueMetrics> QueueMetrics() override {
    return {controller_.queue().Metrics()};
  }

 private:
  using Claim = k8s::core::v1::PersistentVolumeClaim;
  using Volume = k8s::core::v1::PersistentVolume;

  absl::Status Sync(const std::string& key);
  absl::Status SyncClaim(const std::string& ns, const std::string& name);
  absl::Status SyncVolume(const std::string& name);
  absl::Status Bind(const Claim& claim, const Volume& volume);
  absl::Status SetClaimPhase(const Claim& claim, const std::string& phase, const Volume* volume);
  absl::Status SetVolumePhase(const Volume& volume, const std::string& phase);
  void EnqueuePendingClaims();

  const int workers_;
  const client::Client client_;
  events::EventRecorder& recorder_;
  client::Informer<Claim> claims_;
  client::Informer<Volume> volumes_;
  client::Controller controller_;
};

}  // namespace kube::kcm::persistentvolume
