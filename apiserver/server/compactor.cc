#include "apiserver/server/compactor.h"

#include "common/log/log.h"

namespace kube::apiserver {

Compactor::Compactor(storage::Storage& storage, absl::Duration interval,
                     std::function<void(storage::Revision)> on_compacted)
    : storage_(storage),
      interval_(interval),
      on_compacted_(std::move(on_compacted)),
      thread_([this] { Run(); }) {}

Compactor::~Compactor() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
}

void Compactor::Run() {
  storage::Revision previous = 0;
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      auto stopping = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_; };
      if (mu_.AwaitWithTimeout(absl::Condition(&stopping), interval_)) return;
    }
    if (previous > 0) {
      absl::Status status = storage_.Compact(previous);
      if (status.ok()) {
        VLOG(2) << "compacted storage to revision " << previous;
        if (on_compacted_) on_compacted_(previous);
      } else {
        KLOG(Warning) << "compaction to revision " << previous << " failed: " << status;
      }
    }
    absl::StatusOr<storage::Revision> current = storage_.CurrentRevision();
    if (current.ok()) previous = *current;
  }
}

}  // namespace kube::apiserver
