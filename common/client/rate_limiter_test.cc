#include "common/client/rate_limiter.h"

#include <memory>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

namespace kube::client {
namespace {

// A clock the test moves by hand.
struct FakeClock {
  absl::Time now = absl::FromUnixSeconds(1700000000);
  Clock AsClock() {
    return [this] { return now; };
  }
};

TEST_CASE("exponential backoff doubles per item up to the cap and Forget resets it") {
  ItemExponentialRateLimiter limiter(absl::Milliseconds(5), absl::Seconds(1000));
  CHECK(limiter.When("a") == absl::Milliseconds(5));
  CHECK(limiter.When("a") == absl::Milliseconds(10));
  CHECK(limiter.When("a") == absl::Milliseconds(20));
  CHECK(limiter.When("b") == absl::Milliseconds(5));  // items back off independently
  CHECK(limiter.NumRequeues("a") == 3);
  CHECK(limiter.NumRequeues("b") == 1);
  CHECK(limiter.NumRequeues("never") == 0);

  limiter.Forget("a");
  CHECK(limiter.NumRequeues("a") == 0);
  CHECK(limiter.When("a") == absl::Milliseconds(5));

  // 5 ms * 2^17 = 655 s; 2^18 would be 1310 s, beyond the cap. Huge streaks saturate.
  for (int i = 0; i < 16; ++i) limiter.When("c");
  CHECK(limiter.When("c") == absl::Milliseconds(5) * (1 << 16));
  CHECK(limiter.When("c") == absl::Milliseconds(5) * (1 << 17));
  CHECK(limiter.When("c") == absl::Seconds(1000));
  for (int i = 0; i < 2000; ++i) limiter.When("c");
  CHECK(limiter.When("c") == absl::Seconds(1000));
}

TEST_CASE("the token bucket grants the burst, then one token per 1/qps") {
  FakeClock clock;
  TokenBucket bucket(10, 100, clock.AsClock());
  for (int i = 0; i < 100; ++i) REQUIRE(bucket.Reserve() == absl::ZeroDuration());
  // Reservations past the burst queue up behind each other.
  CHECK(bucket.Reserve() == absl::Milliseconds(100));
  CHECK(bucket.Reserve() == absl::Milliseconds(200));
  CHECK_FALSE(bucket.TryAccept());
  // 1 s later 10 tokens have arrived: 2 repay the reservations, 8 are free.
  clock.now += absl::Seconds(1);
  for (int i = 0; i < 8; ++i) REQUIRE(bucket.TryAccept());
  CHECK_FALSE(bucket.TryAccept());
  // A long idle refills no more than the burst.
  clock.now += absl::Hours(1);
  for (int i = 0; i < 100; ++i) REQUIRE(bucket.TryAccept());
  CHECK_FALSE(bucket.TryAccept());
}

TEST_CASE("a token bucket without a rate never waits") {
  TokenBucket bucket(0, 1);
  for (int i = 0; i < 1000; ++i) REQUIRE(bucket.TryAccept());
  CHECK(bucket.Reserve() == absl::ZeroDuration());
  bucket.Wait();
}

TEST_CASE("Wait sleeps until the token arrives") {
  TokenBucket bucket(100, 1);
  bucket.Wait();  // the burst token
  absl::Time start = absl::Now();
  bucket.Wait();  // 10 ms later
  CHECK(absl::Now() - start >= absl::Milliseconds(9));
}

TEST_CASE("the bucket limiter spreads retries across all items") {
  FakeClock clock;
  BucketRateLimiter limiter(10, 2, clock.AsClock());
  CHECK(limiter.When("a") == absl::ZeroDuration());
  CHECK(limiter.When("b") == absl::ZeroDuration());
  CHECK(limiter.When("c") == absl::Milliseconds(100));
  CHECK(limiter.NumRequeues("a") == 0);
}

TEST_CASE("max-of takes the longest delay and forgets in every limiter") {
  FakeClock clock;
  std::vector<std::unique_ptr<RateLimiter>> limiters;
  limiters.push_back(
      std::make_unique<ItemExponentialRateLimiter>(absl::Milliseconds(5), absl::Seconds(1000)));
  limiters.push_back(std::make_unique<BucketRateLimiter>(10, 2, clock.AsClock()));
  MaxOfRateLimiter limiter(std::move(limiters));
  CHECK(limiter.When("a") == absl::Milliseconds(5));    // backoff wins, bucket has tokens
  CHECK(limiter.When("a") == absl::Milliseconds(10));
  CHECK(limiter.When("b") == absl::Milliseconds(100));  // bucket empty: it wins
  CHECK(limiter.NumRequeues("a") == 2);
  limiter.Forget("a");
  CHECK(limiter.NumRequeues("a") == 0);
}

TEST_CASE("the default controller limiter starts at 5 ms per item") {
  auto limiter = DefaultControllerRateLimiter();
  CHECK(limiter->When("x") == absl::Milliseconds(5));
  CHECK(limiter->When("x") == absl::Milliseconds(10));
  CHECK(limiter->NumRequeues("x") == 2);
  limiter->Forget("x");
  CHECK(limiter->When("x") == absl::Milliseconds(5));
}

}  // namespace
}  // namespace kube::client
