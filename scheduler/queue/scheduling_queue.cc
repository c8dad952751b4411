#include "scheduler/queue/scheduling_queue.h"

#include <algorithm>
#include <vector>

#include <google/protobuf/util/message_differencer.h>

#include "common/log/log.h"

namespace kube::scheduler::queue {
namespace {

bool HasSchedulingGates(const k8s::core::v1::Pod& pod) {
  return pod.spec().schedulinggates_size() > 0;
}

}  // namespace

bool PodSpecOrLabelsChanged(const k8s::core::v1::Pod& old_pod, const k8s::core::v1::Pod& new_pod) {
  auto strip = [](const k8s::core::v1::Pod& pod) {
    k8s::core::v1::Pod copy;
    *copy.mutable_metadata() = pod.metadata();
    *copy.mutable_spec() = pod.spec();
    copy.mutable_metadata()->clear_resourceversion();
    copy.mutable_metadata()->clear_generation();
    copy.mutable_metadata()->clear_managedfields();
    return copy;
  };
  return !google::protobuf::util::MessageDifferencer::Equals(strip(old_pod), strip(new_pod));
}

SchedulingQueue::SchedulingQueue(QueueOptions options) : options_(std::move(options)) {}

SchedulingQueue::~SchedulingQueue() { Close(); }

void SchedulingQueue::Start() {
  absl::MutexLock lock(&mu_);
  if (flusher_.joinable() || closed_) return;
  flusher_ = std::thread([this] { FlusherLoop(); });
}

void SchedulingQueue::Close() {
  {
    absl::MutexLock lock(&mu_);
    closed_ = true;
    active_available_.SignalAll();
    flusher_wakeup_.SignalAll();
  }
  if (flusher_.joinable() && flusher_.get_id() != std::this_thread::get_id()) flusher_.join();
}

absl::Time SchedulingQueue::BackoffExpiry(const QueuedPodInfo& info) const {
  absl::Duration backoff = options_.initial_backoff;
  for (int i = 1; i < info.attempts && backoff < options_.max_backoff; ++i) backoff *= 2;
  return info.timestamp + std::min(backoff, options_.max_backoff);
}

void SchedulingQueue::PushActive(std::unique_ptr<QueuedPodInfo> info) {
  const std::string key = info->key();
  ActiveKey active_key{-info->pod().spec().priority(), info->timestamp, ++sequence_};
  active_.emplace(active_key, key);
  Entry& entry = entries_[key];
  entry.info = std::move(info);
  entry.where = Location::kActive;
  entry.active_key = active_key;
  active_available_.Signal();
}

void SchedulingQueue::PushBackoff(std::unique_ptr<QueuedPodInfo> info) {
  const std::string key = info->key();
  BackoffKey backoff_key{BackoffExpiry(*info), ++sequence_};
  bool earliest = backoff_.empty() || backoff_key < backoff_.begin()->first;
  backoff_.emplace(backoff_key, key);
  Entry& entry = entries_[key];
  entry.info = std::move(info);
  entry.where = Location::kBackoff;
  entry.backoff_key = backoff_key;
  if (earliest) flusher_wakeup_.Signal();
}

void SchedulingQueue::PushUnschedulable(std::unique_ptr<QueuedPodInfo> info) {
  const std::string key = info->key();
  Entry& entry = entries_[key];
  entry.info = std::move(info);
  entry.where = Location::kUnschedulable;
  ++unschedulable_count_;
}

void SchedulingQueue::PushGated(std::unique_ptr<QueuedPodInfo> info) {
  const std::string key = info->key();
  Entry& entry = entries_[key];
  entry.info = std::move(info);
  entry.where = Location::kGated;
  ++gated_count_;
}

void SchedulingQueue::PushReady(std::unique_ptr<QueuedPodInfo> info) {
  if (HasSchedulingGates(info->pod())) {
    PushGated(std::move(info));
  } else {
    PushActive(std::move(info));
  }
}

std::unique_ptr<QueuedPodInfo> SchedulingQueue::Take(const std::string& key) {
  auto it = entries_.find(key);
  if (it == entries_.end()) return nullptr;
  Entry& entry = it->second;
  switch (entry.where) {
    case Location::kActive:
      active_.erase(entry.active_key);
      break;
    case Location::kBackoff:
      backoff_.erase(entry.backoff_key);
      break;
    case Location::kUnschedulable:
      --unschedulable_count_;
      break;
    case Location::kGated:
      --gated_count_;
      break;
  }
  std::unique_ptr<QueuedPodInfo> info = std::move(entry.info);
  entries_.erase(it);
  return info;
}

void SchedulingQueue::Requeue(std::unique_ptr<QueuedPodInfo> info) {
  if (info->attempts > 0 && options_.clock() < BackoffExpiry(*info)) {
    PushBackoff(std::move(info));
  } else {
    PushActive(std::move(info));
  }
}

void SchedulingQueue::Add(std::shared_ptr<const framework::PodInfo> pod) {
  absl::MutexLock lock(&mu_);
  if (closed_) return;
  std::unique_ptr<QueuedPodInfo> existing = Take(pod->key);
  if (existing != nullptr) {
    existing->pod_info = std::move(pod);
    PushReady(std::move(existing));
    return;
  }
  auto info = std::make_unique<QueuedPodInfo>();
  info->pod_info = std::move(pod);
  info->timestamp = options_.clock();
  info->initial_timestamp = info->timestamp;
  PushReady(std::move(info));
}

void SchedulingQueue::Update(const k8s::core::v1::Pod& old_pod,
                             std::shared_ptr<const framework::PodInfo> pod) {
  absl::MutexLock lock(&mu_);
  if (closed_) return;
  auto it = entries_.find(pod->key);
  if (it == entries_.end()) {
    // Not queued: being scheduled right now, or never seen. upstream adds it; the
    // scheduling thread skips a pod the cache already holds.
    auto info = std::make_unique<QueuedPodInfo>();
    info->pod_info = std::move(pod);
    info->timestamp = options_.clock();
    info->initial_timestamp = info->timestamp;
    PushReady(std::move(info));
    return;
  }
  Entry& entry = it->second;
  switch (entry.where) {
    case Location::kActive:
    case Location::kBackoff:
      entry.info->pod_info = std::move(pod);  // keys do not depend on the pod's content...
      if (entry.where == Location::kActive &&
          std::get<0>(entry.active_key) != -entry.info->pod().spec().priority()) {
        PushActive(Take(entry.info->key()));  // ...except the priority
      }
      return;
    case Location::kGated:
    case Location::kUnschedulable: {
      const Location was = entry.where;
      bool changed = PodSpecOrLabelsChanged(old_pod, *pod->pod);
      std::unique_ptr<QueuedPodInfo> info = Take(pod->key);  // `entry` is gone from here on
      info->pod_info = std::move(pod);
      if (HasSchedulingGates(info->pod())) {
        PushGated(std::move(info));
      } else if (changed || was == Location::kGated) {
        Requeue(std::move(info));
      } else {
        PushUnschedulable(std::move(info));
      }
      return;
    }
  }
}

void SchedulingQueue::Delete(const k8s::core::v1::Pod& pod) {
  absl::MutexLock lock(&mu_);
  Take(framework::PodKey(pod));
}

void SchedulingQueue::MoveAllToActiveOrBackoff(std::string_view event) {
  absl::MutexLock lock(&mu_);
  move_request_cycle_ = scheduling_cycle_;
  if (unschedulable_count_ == 0) return;
  std::vector<std::string> keys;
  for (const auto& [key, entry] : entries_) {
    if (entry.where == Location::kUnschedulable) keys.push_back(key);
  }
  VLOG(4) << event << ": moving " << keys.size() << " unschedulable pods";
  for (const std::string& key : keys) Requeue(Take(key));
}

std::unique_ptr<QueuedPodInfo> SchedulingQueue::Pop() {
  absl::MutexLock lock(&mu_);
  while (active_.empty() && !closed_) active_available_.Wait(&mu_);
  if (closed_) return nullptr;
  std::unique_ptr<QueuedPodInfo> info = Take(active_.begin()->second);
  ++info->attempts;
  ++scheduling_cycle_;
  return info;
}

void SchedulingQueue::AddUnschedulableIfNotPresent(std::unique_ptr<QueuedPodInfo> pod,
                                                   int64_t cycle) {
  absl::MutexLock lock(&mu_);
  if (closed_ || entries_.contains(pod->key())) return;
  pod->timestamp = options_.clock();
  if (move_request_cycle_ >= cycle) {
    PushBackoff(std::move(pod));
  } else {
    PushUnschedulable(std::move(pod));
  }
}

void SchedulingQueue::AddBackoff(std::unique_ptr<QueuedPodInfo> pod) {
  absl::MutexLock lock(&mu_);
  if (closed_ || entries_.contains(pod->key())) return;
  pod->timestamp = options_.clock();
  PushBackoff(std::move(pod));
}

int64_t SchedulingQueue::SchedulingCycle() {
  absl::MutexLock lock(&mu_);
  return scheduling_cycle_;
}

void SchedulingQueue::FlushBackoffCompleted() {
  absl::MutexLock lock(&mu_);
  const absl::Time now = options_.clock();
  while (!backoff_.empty() && std::get<0>(backoff_.begin()->first) <= now) {
    PushActive(Take(backoff_.begin()->second));
  }
}

void SchedulingQueue::FlushUnschedulableLeftover() {
  absl::MutexLock lock(&mu_);
  const absl::Time now = options_.clock();
  std::vector<std::string> keys;
  for (const auto& [key, entry] : entries_) {
    if (entry.where == Location::kUnschedulable &&
        now - entry.info->timestamp > options_.max_unschedulable_wait) {
      keys.push_back(key);
    }
  }
  for (const std::string& key : keys) Requeue(Take(key));
}

PendingCounts SchedulingQueue::Pending() {
  absl::MutexLock lock(&mu_);
  return PendingCounts{static_cast<int64_t>(active_.size()), static_cast<int64_t>(backoff_.size()),
                       unschedulable_count_, gated_count_};
}

std::string SchedulingQueue::Where(const std::string& key) {
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return "";
  switch (it->second.where) {
    case Location::kActive:
      return "active";
    case Location::kBackoff:
      return "backoff";
    case Location::kUnschedulable:
      return "unschedulable";
    case Location::kGated:
      return "gated";
  }
  return "";
}

void SchedulingQueue::FlusherLoop() {
  absl::Time next_leftover_flush = absl::Now() + options_.unschedulable_flush_interval;
  while (true) {
    FlushBackoffCompleted();
    if (absl::Now() >= next_leftover_flush) {
      FlushUnschedulableLeftover();
      next_leftover_flush = absl::Now() + options_.unschedulable_flush_interval;
    }
    absl::MutexLock lock(&mu_);
    if (closed_) return;
    absl::Time wake = next_leftover_flush;
    if (!backoff_.empty()) wake = std::min(wake, std::get<0>(backoff_.begin()->first));
    if (wake > absl::Now()) flusher_wakeup_.WaitWithDeadline(&mu_, wake);
  }
}

}  // namespace kube::scheduler::queue
