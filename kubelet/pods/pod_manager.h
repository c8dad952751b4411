#pragma once

#include <map>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "common/client/client.h"
#include "common/client/typed_informer.h"
#include "common/events/event_recorder.h"
#include "k8s/core/v1/core.pb.h"
#include "kubelet/objects/api_object_source.h"
#include "kubelet/pods/pleg.h"
#include "kubelet/pods/pod_syncer.h"
#include "kubelet/pods/pod_workers.h"
#include "kubelet/probes/probe_manager.h"
#include "kubelet/probes/prober.h"
#include "kubelet/runtime/runtime.h"
#include "kubelet/status/status_manager.h"
#include "kubelet/token/token_manager.h"
#include "kubelet/volumes/volume_manager.h"

namespace kube::kubelet {

struct PodManagerOptions {
  std::string node_name;
  std::string root_dir;
  int worker_threads = 8;
  int probe_threads = 4;
  absl::Duration relist_period = absl::Seconds(1);
  PodSyncerOptions syncer;
};

// The pods bound to this node, end to end: an informer on pods with
// spec.nodeName=<node> feeds the pod workers, the PLEG and the probes ask for syncs
// when the runtime or a probe result changes, and each sync runs the PodSyncer.
// Owns the token, volume, probe and status managers. Thread-safe.
class PodManager {
 public:
  // `runtime` and `recorder` (may be null) must outlive the manager.
  PodManager(std::shared_ptr<client::Transport> transport, Runtime& runtime,
             events::EventRecorder* recorder, PodManagerOptions options);
  ~PodManager();
  PodManager(const PodManager&) = delete;
  PodManager& operator=(const PodManager&) = delete;

  // Starts the informer and, once its cache has synced (so that no pod looks deleted
  // for lack of knowledge), the workers, the PLEG and the probes. Unavailable if the
  // cache does not sync within `timeout`.
  absl::Status Start(absl::Duration timeout);
  void Stop();
  // Whether the pod machinery keeps up with the runtime (the PLEG relists).
  absl::Status Healthy() { return pleg_.Healthy(); }
  // The pods bound to this node as the informer's cache has them (the kubelet
  // server's /pods).
  client::Lister<k8s::core::v1::Pod> pods() const { return informer_.lister(); }
  // The pod workers' Prometheus text (pod start latency).
  std::string MetricsText() const {
    std::string out;
    status_.RenderMetrics(out);
    return out;
  }

 private:
  // Syncs the pod the informer's cache has with this uid (none: it is gone).
  absl::StatusOr<absl::Duration> SyncOne(const std::string& uid);

  const PodManagerOptions options_;
  const client::Client client_;
  ApiObjectSource objects_;
  TokenManager tokens_;
  VolumeManager volumes_;
  Prober prober_;
  ProbeManager probes_;
  StatusManager status_;
  PodSyncer syncer_;
  PodWorkers workers_;
  Pleg pleg_;
  client::Informer<k8s::core::v1::Pod> informer_;  // indexed by uid
};

}  // namespace kube::kubelet
