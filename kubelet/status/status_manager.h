#pragma once

#include <map>
#include <set>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "common/client/client.h"
#include "common/metrics/histogram.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::kubelet {

// Writes pod statuses through the status subresource, only when they changed
// (upstream's status manager, synchronous). A write names the pod's uid, so it never
// lands on a newer pod of the same name, and carries no resourceVersion: the
// kubelet owns the status, so there is nothing to conflict with. Thread-safe.
class StatusManager {
 public:
  explicit StatusManager(client::Client client);

  // The status to compute the next one from: the one last written for this pod
  // uid, else the API's (`pod`'s own).
  k8s::core::v1::PodStatus BaseStatus(const k8s::core::v1::Pod& pod);

  // Writes `status` unless it equals what was last written (or what `pod` already
  // has). A terminal phase is never replaced by a non-terminal one. A pod that is
  // gone is not an error.
  absl::Status SetPodStatus(const k8s::core::v1::Pod& pod, k8s::core::v1::PodStatus status);

  void ForgetPod(const std::string& uid);
  // How many writes were made (tests, metrics).
  int writes();
  // kubelet_pod_start_duration_seconds, upstream's: from the first status this
  // kubelet computed for a pod to the first it wrote with phase Running. Pods found
  // already running (a restarted kubelet adopting them) are not counted.
  void RenderMetrics(std::string& out) const;

 private:
  const client::Client client_;

  absl::Mutex mu_;
  // The last status written per pod uid.
  std::map<std::string, k8s::core::v1::PodStatus> written_ ABSL_GUARDED_BY(mu_);
  int writes_ ABSL_GUARDED_BY(mu_) = 0;
  // When each pod's status was first computed, until it is seen Running.
  std::map<std::string, absl::Time> first_seen_ ABSL_GUARDED_BY(mu_);
  std::set<std::string> started_ ABSL_GUARDED_BY(mu_);  // counted, or adopted running
  metrics::Histogram pod_start_duration_;  // lock-free
};

}  // namespace kube::kubelet
