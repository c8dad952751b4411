#include "kubelet/backoff/backoff.h"

namespace kube::kubelet {

Backoff::Backoff(absl::Duration initial, absl::Duration max, std::function<absl::Time()> clock)
    : initial_(initial), max_(max), clock_(std::move(clock)) {}

absl::Duration Backoff::Get(const std::string& key) {
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(key);
  return it == entries_.end() ? absl::ZeroDuration() : it->second.delay;
}

void Backoff::Next(const std::string& key, absl::Time event_time) {
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(key);
  if (it == entries_.end() || Expired(it->second, event_time)) {
    entries_[key] = Entry{initial_, clock_()};
    return;
  }
  it->second.delay = std::min(it->second.delay * 2, max_);
  it->second.last_update = clock_();
}

bool Backoff::IsInBackOffSince(const std::string& key, absl::Time event_time) {
  return BackoffEnds(key, event_time) > clock_();
}

bool Backoff::IsInBackOffSinceUpdate(const std::string& key) {
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(key);
  absl::Time now = clock_();
  if (it == entries_.end() || Expired(it->second, now)) return false;
  return now - it->second.last_update < it->second.delay;
}

absl::Time Backoff::BackoffEnds(const std::string& key, absl::Time event_time) {
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(key);
  if (it == entries_.end() || Expired(it->second, event_time)) return absl::InfinitePast();
  return event_time + it->second.delay;
}

void Backoff::Reset(const std::string& key) {
  absl::MutexLock lock(&mu_);
  entries_.erase(key);
}

void Backoff::GC() {
  absl::MutexLock lock(&mu_);
  absl::Time now = clock_();
  std::erase_if(entries_, [&](const auto& entry) { return Expired(entry.second, now); });
}

}  // namespace kube::kubelet
