#include "common/auth/delegating/expiring_cache.h"

#include <catch2/catch.hpp>

namespace kube::auth {

TEST_CASE("ExpiringCache keeps a value until its time is up", "[auth]") {
  ExpiringCache<int> cache;
  const absl::Time now = absl::FromUnixSeconds(1000);
  cache.Put("a", 1, absl::Seconds(10), now);
  CHECK(cache.Get("a", now + absl::Seconds(9)) == 1);
  CHECK_FALSE(cache.Get("a", now + absl::Seconds(10)).has_value());
  CHECK_FALSE(cache.Get("b", now).has_value());
  cache.Put("z", 2, absl::ZeroDuration(), now);  // a zero TTL keeps nothing
  CHECK_FALSE(cache.Get("z", now).has_value());
}

TEST_CASE("ExpiringCache stays within its bound", "[auth]") {
  ExpiringCache<int> cache(2);
  const absl::Time now = absl::FromUnixSeconds(1000);
  cache.Put("old", 1, absl::Seconds(1), now);
  cache.Put("live", 2, absl::Seconds(60), now);
  // Full: the expired entry makes room.
  cache.Put("new", 3, absl::Seconds(60), now + absl::Seconds(5));
  CHECK(cache.size() == 2);
  CHECK(cache.Get("live", now + absl::Seconds(5)) == 2);
  // Full of live entries: they all go, the new one stays.
  cache.Put("newer", 4, absl::Seconds(60), now + absl::Seconds(5));
  CHECK(cache.size() == 1);
  CHECK(cache.Get("newer", now + absl::Seconds(5)) == 4);
}

}  // namespace kube::auth
