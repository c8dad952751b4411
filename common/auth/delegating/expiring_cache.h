#pragma once

#include <map>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace kube::auth {

// Answers remembered for a while, by key: what the delegating authenticator and
// authorizer keep of the apiserver's reviews so that a scrape every few seconds
// costs no review each time. Bounded: once `max_entries` are held, expired ones go,
// and if none has expired, all do (a storm of distinct keys only costs reviews).
// Thread-safe.
template <typename Value>
class ExpiringCache {
 public:
  explicit ExpiringCache(size_t max_entries = 4096) : max_entries_(max_entries) {}

  // The value stored under `key` if it has not expired at `now`.
  std::optional<Value> Get(const std::string& key, absl::Time now = absl::Now()) const {
    absl::MutexLock lock(&mu_);
    auto found = entries_.find(key);
    if (found == entries_.end() || found->second.expires <= now) return std::nullopt;
    return found->second.value;
  }

  // Keeps `value` under `key` until now + ttl; a ttl <= 0 keeps nothing.
  void Put(const std::string& key, Value value, absl::Duration ttl,
           absl::Time now = absl::Now()) {
    if (ttl <= absl::ZeroDuration()) return;
    absl::MutexLock lock(&mu_);
    if (entries_.size() >= max_entries_ && entries_.find(key) == entries_.end()) {
      for (auto it = entries_.begin(); it != entries_.end();) {
        it = it->second.expires <= now ? entries_.erase(it) : std::next(it);
      }
      if (entries_.size() >= max_entries_) entries_.clear();
    }
    entries_[key] = Entry{std::move(value), now + ttl};
  }

  size_t size() const {
    absl::MutexLock lock(&mu_);
    return entries_.size();
  }

 private:
  struct Entry {
    Value value;
    absl::Time expires;
  };

  const size_t max_entries_;
  mutable absl::Mutex mu_;
  std::map<std::string, Entry> entries_ ABSL_GUARDED_BY(mu_);
};

}  // namespace kube::auth
