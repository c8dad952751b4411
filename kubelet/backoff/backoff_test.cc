#include "kubelet/backoff/backoff.h"

#include <catch2/catch.hpp>

namespace kube::kubelet {
namespace {

TEST_CASE("crash-loop back-off: 10 s doubling to 5 min, reset after 10 min quiet") {
  absl::Time now = absl::FromUnixSeconds(1000);
  Backoff backoff(absl::Seconds(10), absl::Minutes(5), [&] { return now; });
  const std::string key = "pod_app";

  // The first failure restarts at once and arms the back-off.
  absl::Time exited = now;
  CHECK_FALSE(backoff.IsInBackOffSince(key, exited));
  backoff.Next(key, exited);
  CHECK(backoff.Get(key) == absl::Seconds(10));

  // The second failure waits 10 s from when it happened.
  now += absl::Seconds(2);
  exited = now;
  CHECK(backoff.IsInBackOffSince(key, exited));
  CHECK(backoff.BackoffEnds(key, exited) == exited + absl::Seconds(10));
  now += absl::Seconds(9);
  CHECK(backoff.IsInBackOffSince(key, exited));
  now += absl::Seconds(1);
  CHECK_FALSE(backoff.IsInBackOffSince(key, exited));
  backoff.Next(key, exited);
  CHECK(backoff.Get(key) == absl::Seconds(20));

  // Doubling stops at 5 minutes.
  for (int i = 0; i < 10; ++i) backoff.Next(key, now);
  CHECK(backoff.Get(key) == absl::Minutes(5));

  // A container that ran for more than 10 minutes starts over.
  now += absl::Minutes(11);
  exited = now;
  CHECK_FALSE(backoff.IsInBackOffSince(key, exited));
  backoff.Next(key, exited);
  CHECK(backoff.Get(key) == absl::Seconds(10));

  backoff.Reset(key);
  CHECK(backoff.Get(key) == absl::ZeroDuration());
  backoff.Next("other", now);
  now += absl::Minutes(11);
  backoff.GC();
  CHECK(backoff.Get("other") == absl::ZeroDuration());
}

}  // namespace
}  // namespace kube::kubelet
