#include "common/client/controller.h"

#include <mutex>
#include <thread>
#include <utility>

#include "common/log/log.h"
#include "common/util/strings.h"

namespace kube::client {

Controller::Controller(ControllerOptions options, ReconcileFunc reconcile)
    : name_(std::move(options.name)),
      max_retries_(options.max_retries),
      cache_synced_(std::move(options.cache_synced)),
      sync_poll_interval_(options.sync_poll_interval),
      reconcile_(std::move(reconcile)),
      queue_(name_, options.rate_limiter ? std::move(options.rate_limiter)
                                         : DefaultControllerRateLimiter()) {}

Controller::~Controller() { Stop(); }

void Controller::Stop() {
  std::call_once(stop_once_, [this] { stop_.Notify(); });
}

bool Controller::WaitForCacheSync() {
  while (true) {
    bool synced = true;
    for (const auto& has_synced : cache_synced_) synced = synced && has_synced();
    if (synced) return true;
    if (stop_.WaitForNotificationWithTimeout(sync_poll_interval_)) return false;
  }
}

absl::Status Controller::Run(int workers) {
  if (workers <= 0) {
    return absl::InvalidArgumentError(kube::StrCat("controller ", name_, ": workers must be > 0"));
  }
  KLOG(Info) << "Waiting for caches to sync for " << name_;
  if (!WaitForCacheSync()) {
    queue_.ShutDown();
    return absl::CancelledError(kube::StrCat("controller ", name_, " stopped before caches synced"));
  }
  KLOG(Info) << "Caches are synced for " << name_ << "; starting " << workers << " workers";
  std::vector<std::thread> threads;
  threads.reserve(workers);
  for (int i = 0; i < workers; ++i) threads.emplace_back([this] { Worker(); });
  stop_.WaitForNotification();
  KLOG(Info) << "Shutting down " << name_;
  queue_.ShutDown();
  for (auto& thread : threads) thread.join();
  return absl::OkStatus();
}

void Controller::Worker() {
  std::string key;
  while (queue_.Get(&key)) {
    if (!stop_.HasBeenNotified()) ProcessKey(key);
    queue_.Done(key);
  }
}

void Controller::ProcessKey(const std::string& key) {
  absl::Status status = reconcile_(key);
  if (status.ok()) {
    queue_.Forget(key);
    return;
  }
  int requeues = queue_.NumRequeues(key);
  if (max_retries_ == 0 || requeues < max_retries_) {
    KLOG(Error) << name_ << ": error syncing \"" << key << "\" (retry " << requeues + 1
                << "): " << status;
    queue_.AddRateLimited(key);
    return;
  }
  KLOG(Error) << name_ << ": dropping \"" << key << "\" out of the queue after " << requeues
              << " retries: " << status;
  queue_.Forget(key);
}

}  // namespace kube::client
