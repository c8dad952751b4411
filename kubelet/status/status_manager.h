#pragma once

#include <map>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "common/client/client.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::kubelet {

// Writes pod statuses through the status subresource, only when they changed
// (upstream's status manager, synchronous). A write names the pod's uid, so it never
// lands on a newer pod of the same name, and carries no resourceVersion: the
// kubelet owns the status, so there is nothing to conflict with. Thread-safe.
class StatusManager {
 public:
  explicit StatusManager(client::Client client) : client_(std::move(client)) {}

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

 private:
  const client::Client client_;

  absl::Mutex mu_;
  // The last status written per pod uid.
  std::map<std::string, k8s::core::v1::PodStatus> written_ ABSL_GUARDED_BY(mu_);
  int writes_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace kube::kubelet
