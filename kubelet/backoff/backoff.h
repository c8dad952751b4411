#pragma once

#include <functional>
#include <map>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace kube::kubelet {

// client-go's flowcontrol.Backoff, as the kubelet uses it for CrashLoopBackOff
// (10 s doubling to 5 min) and ImagePullBackOff. Each key's delay starts at
// `initial` and doubles at every Next up to `max`; a key that stays quiet for
// twice `max` (a container that ran 10 minutes) starts over. Thread-safe.
class Backoff {
 public:
  Backoff(absl::Duration initial, absl::Duration max,
          std::function<absl::Time()> clock = absl::Now);

  // The key's current delay (zero if it has none).
  absl::Duration Get(const std::string& key);
  // Records a retry of the failure that happened at `event_time`: the next delay.
  void Next(const std::string& key, absl::Time event_time);
  // Whether a retry of the failure at `event_time` must still wait.
  bool IsInBackOffSince(const std::string& key, absl::Time event_time);
  // Whether the key's last Next was less than its delay ago (image pulls back off
  // from their last attempt).
  bool IsInBackOffSinceUpdate(const std::string& key);
  // When that wait ends (InfinitePast if there is none).
  absl::Time BackoffEnds(const std::string& key, absl::Time event_time);
  void Reset(const std::string& key);
  // Forgets keys quiet for twice `max`.
  void GC();

 private:
  struct Entry {
    absl::Duration delay;
    absl::Time last_update;
  };
  bool Expired(const Entry& entry, absl::Time event_time) const {
    return event_time - entry.last_update > 2 * max_;
  }

  // Constant after construction.
  const absl::Duration initial_;
  const absl::Duration max_;
  const std::function<absl::Time()> clock_;

  absl::Mutex mu_;
  std::map<std::string, Entry> entries_ ABSL_GUARDED_BY(mu_);
};

}  // namespace kube::kubelet
