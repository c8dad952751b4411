#include "controller-manager/replicaset/expectations.h"

#include <catch2/catch.hpp>

namespace kube::kcm::replicaset {

TEST_CASE("Expectations: no record is satisfied", "[expectations]") {
  Expectations expectations;
  CHECK(expectations.Satisfied("ns/rc"));
}

TEST_CASE("Expectations: creations must all be observed", "[expectations]") {
  Expectations expectations;
  expectations.ExpectCreations("ns/rc", 3);
  CHECK_FALSE(expectations.Satisfied("ns/rc"));
  expectations.CreationObserved("ns/rc");
  expectations.CreationObserved("ns/rc");
  CHECK_FALSE(expectations.Satisfied("ns/rc"));
  expectations.LowerCreations("ns/rc", 1);
  CHECK(expectations.Satisfied("ns/rc"));
  // More observations than expected do not go negative and break the next round.
  expectations.CreationObserved("ns/rc");
  expectations.ExpectCreations("ns/rc", 1);
  CHECK_FALSE(expectations.Satisfied("ns/rc"));
}

TEST_CASE("Expectations: a deletion seen twice counts once", "[expectations]") {
  Expectations expectations;
  expectations.ExpectDeletions("ns/rc", {"uid-a", "uid-b"});
  expectations.DeletionObserved("ns/rc", "uid-a");
  expectations.DeletionObserved("ns/rc", "uid-a");
  CHECK_FALSE(expectations.Satisfied("ns/rc"));
  expectations.DeletionObserved("ns/rc", "uid-other");
  CHECK_FALSE(expectations.Satisfied("ns/rc"));
  expectations.DeletionObserved("ns/rc", "uid-b");
  CHECK(expectations.Satisfied("ns/rc"));
}

TEST_CASE("Expectations: expire after the TTL", "[expectations]") {
  absl::Time now = absl::FromUnixSeconds(1000);
  Expectations expectations(absl::Minutes(5), [&now] { return now; });
  expectations.ExpectCreations("ns/rc", 2);
  now += absl::Minutes(4);
  CHECK_FALSE(expectations.Satisfied("ns/rc"));
  now += absl::Minutes(2);
  CHECK(expectations.Satisfied("ns/rc"));
}

TEST_CASE("Expectations: Delete forgets the key", "[expectations]") {
  Expectations expectations;
  expectations.ExpectCreations("ns/rc", 2);
  expectations.Delete("ns/rc");
  CHECK(expectations.Satisfied("ns/rc"));
}

}  // namespace kube::kcm::replicaset
