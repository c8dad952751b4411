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

absl::Status StatusManager::SetPodStatus(const k8s::core::v1::Pod& pod,
                                         k8s::core::v1::PodStatus status) {
  const std::string& uid = pod.metadata().uid();
  {
    absl::MutexLock lock(&mu_);
    auto it = written_.find(uid);
    const k8s::core::v1::PodStatus& last = it != written_.end() ? it->second : pod.status();
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
  written_[uid] = std::move(status);
  ++writes_;
  return absl::OkStatus();
}

void StatusManager::ForgetPod(const std::string& uid) {
  absl::MutexLock lock(&mu_);
  written_.erase(uid);
}

int StatusManager::writes() {
  absl::MutexLock lock(&mu_);
  return writes_;
}

}  // namespace kube::kubelet
