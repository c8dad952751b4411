#include "common/http/elastic_thread_pool.h"

#include <thread>

namespace kube::http {

ElasticThreadPool::ElasticThreadPool(size_t min_threads, size_t max_threads,
                                     absl::Duration idle_timeout)
    : min_threads_(min_threads), max_threads_(max_threads), idle_timeout_(idle_timeout) {
  absl::MutexLock lock(&mu_);
  while (threads_ < min_threads_) SpawnLocked();
}

ElasticThreadPool::~ElasticThreadPool() { shutdown(); }

void ElasticThreadPool::SpawnLocked() {
  ++threads_;
  std::thread([this] { WorkerLoop(); }).detach();
}

void ElasticThreadPool::enqueue(std::function<void()> task) {
  absl::MutexLock lock(&mu_);
  tasks_.push_back(std::move(task));
  if (tasks_.size() > idle_ && threads_ < max_threads_) SpawnLocked();
}

void ElasticThreadPool::shutdown() {
  absl::MutexLock lock(&mu_);
  shutting_down_ = true;
  auto all_exited = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return threads_ == 0; };
  mu_.Await(absl::Condition(&all_exited));
}

size_t ElasticThreadPool::thread_count() {
  absl::MutexLock lock(&mu_);
  return threads_;
}

void ElasticThreadPool::WorkerLoop() {
  mu_.Lock();
  while (true) {
    ++idle_;
    auto has_work = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return !tasks_.empty() || shutting_down_;
    };
    bool woke = mu_.AwaitWithTimeout(absl::Condition(&has_work), idle_timeout_);
    --idle_;
    if (!tasks_.empty()) {
      std::function<void()> task = std::move(tasks_.front());
      tasks_.pop_front();
      mu_.Unlock();
      task();
      mu_.Lock();
      continue;
    }
    if (shutting_down_ || (!woke && threads_ > min_threads_)) break;
  }
  --threads_;
  mu_.Unlock();
}

}  // namespace kube::http
