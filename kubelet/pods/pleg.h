#pragma once

#include <functional>
#include <map>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "kubelet/runtime/runtime.h"

namespace kube::kubelet {

// Upstream's pod lifecycle event generator: relists the runtime every `period`
// and names each pod whose sandboxes or containers changed state (a container
// exited, a sandbox died) so that its worker syncs it. The first relist names
// every pod the runtime has, which is how a restarted kubelet finds its pods.
class Pleg {
 public:
  Pleg(Runtime& runtime, absl::Duration period,
       std::function<void(const std::string& pod_uid)> on_change);
  ~Pleg();
  Pleg(const Pleg&) = delete;
  Pleg& operator=(const Pleg&) = delete;

  // One relist (the loop's body).
  absl::Status Relist();
  void Start();
  void Stop();
  // Unavailable when no relist succeeded for 3 minutes (as upstream); the node
  // then reports NotReady.
  absl::Status Healthy();

 private:
  Runtime& runtime_;
  const absl::Duration period_;
  const std::function<void(const std::string&)> on_change_;

  absl::Mutex mu_;
  // What each pod looked like at the last relist, by pod uid.
  std::map<std::string, std::string> fingerprints_ ABSL_GUARDED_BY(mu_);
  absl::Time last_success_ ABSL_GUARDED_BY(mu_) = absl::Now();  // healthy at first
  absl::Status last_error_ ABSL_GUARDED_BY(mu_);

  absl::Notification stop_;
  std::thread thread_;
};

}  // namespace kube::kubelet
