#include "kubelet/status/status_manager.h"

#include <google/protobuf/util/message_differencer.h>

#include "common/log/log.h"
#include "kubelet/status/pod_status.h"

namespace kube::kubelet {

using google::protobuf::util::MessageDifferencer;

k8s::core::v1::PodStatus StatusManager::BaseStatus(const k8s::core::v1::Pod& pod) {
  absl::MutexLock lock(&mu_);
  auto it = written_.find(pod.metadata().uid());
  return it != written_.end() ? it->second : pod.status();
}

StatusManager::StatusManager(client::Client client)
    : client_(std::move(client)),
      // upstream's buckets for kubelet_pod_start_duration_seconds
      pod_start_duration_({0.5, 1, 2, 3, 4, 5, 6, 8, 10, 20, 30, 45, 60, 120, 180, 240, 300, 360,
                           480, 600, 900, 1200, 1800, 2700, 3600}) {}

absl::Status StatusManager::SetPodStatus(const k8s::core::v1::Pod& pod,
                                         k8s::core::v1::PodStatus status) {
  const std::string& uid = pod.metadata().uid();
  {
    absl::MutexLock lock(&mu_);
    auto it = written_.find(uid);
    const k8s::core::v1::PodStatus& last = it != written_.end() ? it->second : pod.status();
    if (first_seen_.try_emplace(uid, absl::Now()).second && last.phase() == "Running") {
      started_.insert(uid);  // running before this kubelet saw it
    }
    if (IsTerminalPhase(last.phase()) && !IsTerminalPhase(status.phase())) {
      status.set_phase(last.phase());
    }
    if (MessageDifferencer::Equivalent(last, status)) return absl::OkStatus();
    if (it == written_.end() && MessageDifferencer::Equivalent(pod.status(), status)) {
      written_[uid] = status;
      return absl::OkStatus();
    }
  }
  k8s::core::v1::Pod update;
  update.mutable_metadata()->set_name(pod.metadata().name());
  update.mutable_metadata()->set_namespace_(pod.metadata().namespace_());
  update.mutable_metadata()->set_uid(uid);
  *update.mutable_status() = status;
  absl::StatusOr<std::unique_ptr<k8s::core::v1::Pod>> written = client_.UpdateStatus(update);
  if (!written.ok()) {
    // Gone, or replaced by a pod of the same name: nothing to report on.
    if (absl::IsNotFound(written.status()) || absl::IsAborted(written.status())) {
      return absl::OkStatus();
    }
    return written.status();
  }
  absl::MutexLock lock(&mu_);
  if (status.phase() == "Running" && started_.insert(uid).second) {
    pod_start_duration_.Observe(absl::Now() - first_seen_[uid]);
  }
  written_[uid] = std::move(status);
  ++writes_;
  return absl::OkStatus();
}

void StatusManager::ForgetPod(const std::string& uid) {
  absl::MutexLock lock(&mu_);
  written_.erase(uid);
  first_seen_.erase(uid);
  started_.erase(uid);
}

int StatusManager::writes() {
  absl::MutexLock lock(&mu_);
  return writes_;
}

void StatusManager::RenderMetrics(std::string& out) const {
  metrics::RenderHeader("kubelet_pod_start_duration_seconds", "histogram",
                        "Duration in seconds from kubelet seeing a pod for the first time to the "
                        "pod starting to run.",
                        out);
  pod_start_duration_.Render("kubelet_pod_start_duration_seconds", "", out);
}

}  // namespace kube::kubelet
