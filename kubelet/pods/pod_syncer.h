#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/client/client.h"
#include "common/events/event_recorder.h"
#include "k8s/core/v1/core.pb.h"
#include "kubelet/backoff/backoff.h"
#include "kubelet/container/runtime_pod.h"
#include "kubelet/objects/object_source.h"
#include "kubelet/pods/image_puller.h"
#include "kubelet/pods/lifecycle_hooks.h"
#include "kubelet/pods/pod_actions.h"
#include "kubelet/pods/sandbox_config.h"
#include "kubelet/probes/probe_manager.h"
#include "kubelet/runtime/runtime.h"
#include "kubelet/status/pod_status.h"
#include "kubelet/status/status_manager.h"
#include "kubelet/volumes/volume_manager.h"

namespace kube::kubelet {

// What a PodSyncer works with; borrowed, they must outlive it.
struct PodSyncerDeps {
  Runtime* runtime = nullptr;
  VolumeManager* volumes = nullptr;
  ObjectSource* objects = nullptr;
  ProbeManager* probes = nullptr;
  StatusManager* status = nullptr;
  events::EventRecorder* recorder = nullptr;  // may be null
  const client::Client* client = nullptr;     // deletes finished pods
};

struct PodSyncerOptions {
  std::string runtime_name = "containerd";  // containerIDs are "<runtime_name>://<id>"
  std::string host_ip;
  DnsSettings dns;
  // --cgroup-root: the cgroup the pods' QoS hierarchy (kubepods/...) lives under.
  std::string cgroup_root;
  // What resourceFieldRef reports for a limit that is not set.
  int64_t node_allocatable_milli_cpu = 0;
  int64_t node_allocatable_memory = 0;
  // How soon a pod is looked at again when nothing happens to it.
  absl::Duration resync_period = absl::Minutes(1);
  // Containers always get at least this long to stop (upstream's minimum).
  absl::Duration min_grace_period = absl::Seconds(2);
  std::function<absl::Time()> clock = absl::Now;
};

// One sync of one pod: the pod worker's body (upstream's SyncPod,
// SyncTerminatingPod and the orphan cleanup). It reads the pod's state fresh from
// the runtime every time (level-triggered), acts, and reports the pod's status.
// Thread-safe for distinct pods; the pod workers never sync one pod twice at once.
class PodSyncer {
 public:
  PodSyncer(PodSyncerDeps deps, PodSyncerOptions options);

  // `pod` is the API's object, nullptr when it is gone. Returns how soon the pod
  // wants another sync if nothing else triggers one (InfiniteDuration: never
  // again, it is cleaned up). Errors are retried with back-off.
  absl::StatusOr<absl::Duration> Sync(const std::string& uid,
                                      const std::shared_ptr<const k8s::core::v1::Pod>& pod);

 private:
  // The pod should run: start, restart and replace containers per its spec.
  absl::StatusOr<absl::Duration> SyncActive(const k8s::core::v1::Pod& pod, RuntimePod& runtime);
  // The pod has a deletionTimestamp: stop it within its grace period, report its
  // final status, remove its sandbox, then delete the object for good.
  absl::StatusOr<absl::Duration> Terminate(const k8s::core::v1::Pod& pod, RuntimePod& runtime);
  // The pod finished (terminal phase, or past activeDeadlineSeconds): stop what
  // still runs; keep the containers for their logs.
  absl::StatusOr<absl::Duration> Finish(const k8s::core::v1::Pod& pod, RuntimePod& runtime,
                                        const std::string& reason, const std::string& message);
  // The pod object is gone: remove everything the pod left behind.
  absl::StatusOr<absl::Duration> Cleanup(const std::string& uid, RuntimePod& runtime);

  // Starts the `index`th init (or app) container unless it is backing off; records
  // why not in `errors`. Returns when a back-off ends (InfiniteFuture if none).
  absl::Time StartContainer(const k8s::core::v1::Pod& pod, const RuntimePod& runtime,
                            const k8s::core::v1::Container& container, bool init,
                            const std::string& sandbox_id, const PodSandboxConfig& sandbox_config,
                            const std::string& pod_ip, const PodVolumes& volumes,
                            std::map<std::string, ContainerSyncError>& errors);
  // Stops the containers in parallel, each with `grace` (events name `reason`).
  void KillContainers(const k8s::core::v1::Pod* pod, const std::vector<ContainerToKill>& kills,
                      absl::Duration grace);
  // Stops every running container and every ready sandbox of the pod.
  void KillPod(const k8s::core::v1::Pod* pod, const RuntimePod& runtime, absl::Duration grace);
  // Removes every container and sandbox of the pod from the runtime.
  absl::Status RemoveAll(const RuntimePod& runtime);
  // Removes exited instances beyond the newest two of each container, and old
  // sandboxes that have no containers left.
  void CollectGarbage(const RuntimePod& runtime);

  // Computes the pod's status from the runtime (read again) and writes it.
  absl::Status ReportStatus(const k8s::core::v1::Pod& pod, bool terminal,
                            const std::string& reason = "", const std::string& message = "");
  void UpdateSyncErrors(const std::string& uid,
                        const std::map<std::string, ContainerSyncError>& errors,
                        const std::vector<std::string>& attempted);
  std::map<std::string, ContainerSyncError> SyncErrors(const std::string& uid);

  absl::Duration GracePeriod(const k8s::core::v1::Pod& pod) const;
  void Event(const k8s::core::v1::Pod& pod, const std::string& container_field,
             std::string_view type, std::string_view reason, std::string_view message);

  const PodSyncerDeps deps_;
  const PodSyncerOptions options_;
  Backoff crash_backoff_;  // keyed "<pod uid>_<container>"; thread-safe
  ImagePuller puller_;     // thread-safe
  LifecycleHookRunner hooks_;  // thread-safe

  absl::Mutex mu_;
  // Why containers could not be started at their pod's last sync (upstream's
  // reasonCache), by pod uid and container name.
  std::map<std::string, std::map<std::string, ContainerSyncError>> sync_errors_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace kube::kubelet
