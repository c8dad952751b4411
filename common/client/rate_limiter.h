#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace kube::client {

// Where a rate limiter reads the time. Tests pass a fake; everyone else absl::Now.
using Clock = std::function<absl::Time()>;

// A token bucket like golang.org/x/time/rate: `burst` tokens, refilled at `qps` per
// second. Taking a token may drive the balance negative; the caller then waits
// until that token would have arrived, so callers are served in order. qps <= 0
// means no limit. Thread-safe.
class TokenBucket {
 public:
  TokenBucket(double qps, int burst, Clock clock = absl::Now);
  TokenBucket(const TokenBucket&) = delete;
  TokenBucket& operator=(const TokenBucket&) = delete;

  // Takes a token and returns how long to wait before using it (zero if one was
  // available).
  absl::Duration Reserve();
  // Takes a token only if one is available now.
  bool TryAccept();
  // Takes a token, sleeping until it is available: client-side QPS limiting.
  void Wait();

  double qps() const { return qps_; }

 private:
  // Adds the tokens earned since `last_` (up to `burst_`).
  void RefillLocked(absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  // Constant after construction.
  const double qps_;
  const int burst_;
  const Clock clock_;

  absl::Mutex mu_;
  double tokens_ ABSL_GUARDED_BY(mu_);  // may be negative: reserved ahead
  absl::Time last_ ABSL_GUARDED_BY(mu_);  // when tokens_ was last brought up to date
};

// client-go's workqueue.RateLimiter: decides how long an item waits before it is
// retried. Implementations are thread-safe.
class RateLimiter {
 public:
  virtual ~RateLimiter() = default;
  // How long `item` should wait now; counts one more requeue of it.
  virtual absl::Duration When(std::string_view item) = 0;
  // Stops tracking `item` (it succeeded), so its backoff starts over.
  virtual void Forget(std::string_view item) = 0;
  // How many times `item` has been requeued since it was last forgotten.
  virtual int NumRequeues(std::string_view item) = 0;
};

// Per-item exponential backoff: base * 2^failures, capped at `max_delay`.
class ItemExponentialRateLimiter : public RateLimiter {
 public:
  ItemExponentialRateLimiter(absl::Duration base_delay, absl::Duration max_delay);

  // RateLimiter
  absl::Duration When(std::string_view item) override;
  void Forget(std::string_view item) override;
  int NumRequeues(std::string_view item) override;

 private:
  const absl::Duration base_delay_;
  const absl::Duration max_delay_;

  absl::Mutex mu_;
  absl::flat_hash_map<std::string, int> failures_ ABSL_GUARDED_BY(mu_);
};

// One token bucket shared by all items: bounds the overall retry rate. Tracks no
// items, so Forget does nothing and NumRequeues is always 0.
class BucketRateLimiter : public RateLimiter {
 public:
  BucketRateLimiter(double qps, int burst, Clock clock = absl::Now);

  // RateLimiter
  absl::Duration When(std::string_view item) override;
  void Forget(std::string_view item) override {}
  int NumRequeues(std::string_view item) override { return 0; }

 private:
  TokenBucket bucket_;
};

// The worst (longest) answer of several limiters; every limiter sees every call.
class MaxOfRateLimiter : public RateLimiter {
 public:
  explicit MaxOfRateLimiter(std::vector<std::unique_ptr<RateLimiter>> limiters);

  // RateLimiter
  absl::Duration When(std::string_view item) override;
  void Forget(std::string_view item) override;
  int NumRequeues(std::string_view item) override;

 private:
  const std::vector<std::unique_ptr<RateLimiter>> limiters_;  // constant after construction
};

// client-go's DefaultControllerRateLimiter: per-item backoff from 5 ms to 1000 s,
// and 10 qps with a burst of 100 overall.
std::unique_ptr<RateLimiter> DefaultControllerRateLimiter();

}  // namespace kube::client
