#include "common/client/rate_limiter.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace kube::client {

TokenBucket::TokenBucket(double qps, int burst, Clock clock)
    : qps_(qps), burst_(std::max(burst, 1)), clock_(std::move(clock)) {
  tokens_ = burst_;
  last_ = clock_();
}

void TokenBucket::RefillLocked(absl::Time now) {
  if (now <= last_) return;  // a clock that stepped back earns nothing
  tokens_ = std::min<double>(burst_, tokens_ + absl::ToDoubleSeconds(now - last_) * qps_);
  last_ = now;
}

absl::Duration TokenBucket::Reserve() {
  if (qps_ <= 0) return absl::ZeroDuration();
  absl::MutexLock lock(&mu_);
  RefillLocked(clock_());
  tokens_ -= 1;
  if (tokens_ >= 0) return absl::ZeroDuration();
  return absl::Seconds(-tokens_ / qps_);
}

bool TokenBucket::TryAccept() {
  if (qps_ <= 0) return true;
  absl::MutexLock lock(&mu_);
  RefillLocked(clock_());
  if (tokens_ < 1) return false;
  tokens_ -= 1;
  return true;
}

void TokenBucket::Wait() { absl::SleepFor(Reserve()); }

ItemExponentialRateLimiter::ItemExponentialRateLimiter(absl::Duration base_delay,
                                                       absl::Duration max_delay)
    : base_delay_(base_delay), max_delay_(max_delay) {}

absl::Duration ItemExponentialRateLimiter::When(std::string_view item) {
  int exponent;
  {
    absl::MutexLock lock(&mu_);
    exponent = failures_[std::string(item)]++;
  }
  // In floating point, so a long failure streak saturates instead of overflowing.
  double seconds = absl::ToDoubleSeconds(base_delay_) * std::pow(2.0, exponent);
  if (!std::isfinite(seconds) || seconds >= absl::ToDoubleSeconds(max_delay_)) return max_delay_;
  return absl::Seconds(seconds);
}

void ItemExponentialRateLimiter::Forget(std::string_view item) {
  absl::MutexLock lock(&mu_);
  failures_.erase(std::string(item));
}

int ItemExponentialRateLimiter::NumRequeues(std::string_view item) {
  absl::MutexLock lock(&mu_);
  auto it = failures_.find(std::string(item));
  return it == failures_.end() ? 0 : it->second;
}

BucketRateLimiter::BucketRateLimiter(double qps, int burst, Clock clock)
    : bucket_(qps, burst, std::move(clock)) {}

absl::Duration BucketRateLimiter::When(std::string_view item) { return bucket_.Reserve(); }

MaxOfRateLimiter::MaxOfRateLimiter(std::vector<std::unique_ptr<RateLimiter>> limiters)
    : limiters_(std::move(limiters)) {}

absl::Duration MaxOfRateLimiter::When(std::string_view item) {
  absl::Duration longest = absl::ZeroDuration();
  for (const auto& limiter : limiters_) longest = std::max(longest, limiter->When(item));
  return longest;
}

void MaxOfRateLimiter::Forget(std::string_view item) {
  for (const auto& limiter : limiters_) limiter->Forget(item);
}

int MaxOfRateLimiter::NumRequeues(std::string_view item) {
  int most = 0;
  for (const auto& limiter : limiters_) most = std::max(most, limiter->NumRequeues(item));
  return most;
}

std::unique_ptr<RateLimiter> DefaultControllerRateLimiter() {
  std::vector<std::unique_ptr<RateLimiter>> limiters;
  limiters.push_back(
      std::make_unique<ItemExponentialRateLimiter>(absl::Milliseconds(5), absl::Seconds(1000)));
  limiters.push_back(std::make_unique<BucketRateLimiter>(10, 100));
  return std::make_unique<MaxOfRateLimiter>(std::move(limiters));
}

}  // namespace kube::client
