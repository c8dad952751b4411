#include "kubelet/pods/pod_workers.h"

#include "common/log/log.h"

namespace kube::kubelet {

PodWorkers::PodWorkers(int threads, SyncFunc sync)
    : threads_count_(std::max(1, threads)),
      sync_(std::move(sync)),
      queue_("kubelet_pod_workers", std::make_unique<client::ItemExponentialRateLimiter>(
                                        absl::Milliseconds(500), absl::Seconds(30))) {}

PodWorkers::~PodWorkers() { Stop(); }

void PodWorkers::Enqueue(const std::string& uid) { queue_.Add(uid); }

void PodWorkers::EnqueueAfter(const std::string& uid, absl::Duration delay) {
  queue_.AddAfter(uid, delay);
}

void PodWorkers::Start() {
  if (!threads_.empty()) return;
  for (int i = 0; i < threads_count_; ++i) threads_.emplace_back([this] { Work(); });
}

void PodWorkers::Stop() {
  queue_.ShutDown();
  for (std::thread& thread : threads_) thread.join();
  threads_.clear();
}

void PodWorkers::Work() {
  std::string uid;
  while (queue_.Get(&uid)) {
    absl::StatusOr<absl::Duration> next = sync_(uid);
    if (!next.ok()) {
      KLOG(Warning) << "sync of pod " << uid << " failed (will retry): " << next.status();
      queue_.AddRateLimited(uid);
    } else {
      queue_.Forget(uid);
      if (*next != absl::InfiniteDuration()) queue_.AddAfter(uid, *next);
    }
    queue_.Done(uid);
  }
}

}  // namespace kube::kubelet
