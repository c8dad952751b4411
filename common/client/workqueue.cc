#include "common/client/workqueue.h"

#include <utility>

namespace kube::client {

WorkQueue::WorkQueue(std::string name, std::unique_ptr<RateLimiter> rate_limiter)
    : name_(std::move(name)), rate_limiter_(std::move(rate_limiter)) {
  metrics_.name = name_;
  timer_ = std::thread([this] { TimerLoop(); });
}

WorkQueue::~WorkQueue() {
  ShutDown();
  timer_.join();
}

void WorkQueue::AddLocked(std::string item, absl::Time now) {
  if (shutting_down_ || dirty_.contains(item)) return;
  ++metrics_.adds;
  auto [it, inserted] = dirty_.emplace(std::move(item), now);
  // Being processed: Done queues it again, so no two workers ever hold it.
  if (processing_.contains(it->first)) return;
  queue_.push_back(it->first);
  item_available_.Signal();
}

void WorkQueue::Add(std::string_view item) {
  absl::MutexLock lock(&mu_);
  AddLocked(std::string(item), absl::Now());
}

bool WorkQueue::Get(std::string* item) {
  absl::MutexLock lock(&mu_);
  while (queue_.empty() && !shutting_down_) item_available_.Wait(&mu_);
  if (queue_.empty()) return false;
  *item = std::move(queue_.front());
  queue_.pop_front();
  absl::Time now = absl::Now();
  if (auto it = dirty_.find(*item); it != dirty_.end()) {
    metrics_.queue_latency_sum += now - it->second;
    ++metrics_.queue_latency_count;
    dirty_.erase(it);
  }
  processing_[*item] = now;
  return true;
}

void WorkQueue::Done(std::string_view item) {
  absl::MutexLock lock(&mu_);
  auto it = processing_.find(std::string(item));
  if (it == processing_.end()) return;  // not handed out: nothing to finish
  metrics_.work_duration_sum += absl::Now() - it->second;
  ++metrics_.work_duration_count;
  processing_.erase(it);
  std::string key(item);
  if (dirty_.contains(key)) {
    queue_.push_back(std::move(key));
    item_available_.Signal();
  }
  item_done_.SignalAll();
}

int WorkQueue::Len() {
  absl::MutexLock lock(&mu_);
  return static_cast<int>(queue_.size());
}

void WorkQueue::AddAfter(std::string_view item, absl::Duration delay) {
  absl::MutexLock lock(&mu_);
  if (shutting_down_) return;
  absl::Time now = absl::Now();
  if (delay <= absl::ZeroDuration()) {
    AddLocked(std::string(item), now);
    return;
  }
  absl::Time ready = now + delay;
  auto [it, inserted] = waiting_.try_emplace(std::string(item), ready);
  if (!inserted) {
    if (ready >= it->second) return;  // already due sooner
    it->second = ready;               // the old heap entry is now stale
  }
  delayed_.push(Delayed{ready, next_sequence_++, it->first});
  timer_wakeup_.Signal();
}

void WorkQueue::TimerLoop() {
  absl::MutexLock lock(&mu_);
  while (!shutting_down_) {
    absl::Time now = absl::Now();
    while (!delayed_.empty() && delayed_.top().ready <= now) {
      Delayed due = delayed_.top();
      delayed_.pop();
      auto it = waiting_.find(due.item);
      if (it == waiting_.end() || it->second != due.ready) continue;  // stale entry
      waiting_.erase(it);
      AddLocked(std::move(due.item), now);
    }
    if (delayed_.empty()) {
      timer_wakeup_.Wait(&mu_);
    } else {
      timer_wakeup_.WaitWithDeadline(&mu_, delayed_.top().ready);
    }
  }
}

void WorkQueue::AddRateLimited(std::string_view item) {
  {
    absl::MutexLock lock(&mu_);
    if (shutting_down_) return;
    ++metrics_.retries;
  }
  AddAfter(item, rate_limiter_->When(item));
}

void WorkQueue::Forget(std::string_view item) { rate_limiter_->Forget(item); }

int WorkQueue::NumRequeues(std::string_view item) { return rate_limiter_->NumRequeues(item); }

void WorkQueue::ShutDown() {
  absl::MutexLock lock(&mu_);
  shutting_down_ = true;
  delayed_ = {};
  waiting_.clear();
  item_available_.SignalAll();
  timer_wakeup_.SignalAll();
  item_done_.SignalAll();
}

bool WorkQueue::ShutDownWithDrain(absl::Duration timeout) {
  ShutDown();
  absl::Time deadline = absl::Now() + timeout;
  absl::MutexLock lock(&mu_);
  while (!DrainedLocked()) {
    if (item_done_.WaitWithDeadline(&mu_, deadline)) break;  // timed out
  }
  return DrainedLocked();
}

bool WorkQueue::ShuttingDown() {
  absl::MutexLock lock(&mu_);
  return shutting_down_;
}

WorkQueueMetrics WorkQueue::Metrics() {
  absl::MutexLock lock(&mu_);
  WorkQueueMetrics metrics = metrics_;
  metrics.depth = static_cast<int64_t>(dirty_.size());
  metrics.processing = static_cast<int64_t>(processing_.size());
  metrics.waiting = static_cast<int64_t>(waiting_.size());
  return metrics;
}

}  // namespace kube::client
