#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "scheduler/core/pod_writer.h"

namespace kube::scheduler::core {

// A PodWriter for tests: remembers bindings and conditions; Bind fails with
// `bind_error` while it is set, and with Aborted for a pod bound before (as the
// apiserver's 409).
class FakePodWriter final : public PodWriter {
 public:
  absl::Status Bind(const k8s::core::v1::Pod& pod, const std::string& node) override {
    absl::MutexLock lock(&mu_);
    if (!bind_error_.ok()) return bind_error_;
    const std::string key = pod.metadata().namespace_() + "/" + pod.metadata().name();
    if (bindings_.contains(key)) return absl::AbortedError("already assigned");
    bindings_[key] = node;
    return absl::OkStatus();
  }
  absl::Status PatchCondition(const k8s::core::v1::Pod& pod,
                              const k8s::core::v1::PodCondition& condition) override {
    absl::MutexLock lock(&mu_);
    conditions_.push_back({pod.metadata().name(), condition});
    return absl::OkStatus();
  }

  void set_bind_error(absl::Status status) {
    absl::MutexLock lock(&mu_);
    bind_error_ = std::move(status);
  }
  std::map<std::string, std::string> bindings() {
    absl::MutexLock lock(&mu_);
    return bindings_;
  }
  std::vector<std::pair<std::string, k8s::core::v1::PodCondition>> conditions() {
    absl::MutexLock lock(&mu_);
    return conditions_;
  }

 private:
  absl::Mutex mu_;
  absl::Status bind_error_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, std::string> bindings_ ABSL_GUARDED_BY(mu_);  // "ns/name" -> node
  std::vector<std::pair<std::string, k8s::core::v1::PodCondition>> conditions_ ABSL_GUARDED_BY(mu_);
};

}  // namespace kube::scheduler::core
