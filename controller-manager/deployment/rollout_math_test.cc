#include "controller-manager/deployment/rollout_math.h"

#include <catch2/catch.hpp>

namespace kube::kcm::deployment {
namespace {

k8s::util::intstr::IntOrString Percent(const std::string& text) {
  k8s::util::intstr::IntOrString value;
  value.set_type(1);
  value.set_strval(text);
  return value;
}

k8s::util::intstr::IntOrString Int(int32_t n) {
  k8s::util::intstr::IntOrString value;
  value.set_intval(n);
  return value;
}

}  // namespace

TEST_CASE("ResolveFenceposts rounds surge up and unavailable down", "[deployment]") {
  auto p25 = Percent("25%");
  auto f = ResolveFenceposts(&p25, &p25, 10);
  REQUIRE(f.ok());
  CHECK(f->surge == 3);
  CHECK(f->unavailable == 2);
  auto zero = Int(0);
  auto both_zero = ResolveFenceposts(&zero, &zero, 4);
  CHECK(both_zero->unavailable == 1);
  auto bad = Percent("x%");
  CHECK_FALSE(ResolveFenceposts(&bad, nullptr, 4).ok());
  auto defaults = ResolveFenceposts(nullptr, nullptr, 4);
  CHECK(defaults->surge == 1);
  CHECK(defaults->unavailable == 1);
}

TEST_CASE("NewReplicaSetTarget respects the surge", "[deployment]") {
  Fenceposts f{1, 1};
  ReplicaCounts new_rs{"new", 0, 0};
  ReplicaCounts old_rs{"old", 4, 4};
  CHECK(NewReplicaSetTarget(new_rs, {new_rs, old_rs}, 4, f) == 1);
  new_rs.spec_replicas = 1;
  old_rs.spec_replicas = 4;
  CHECK(NewReplicaSetTarget(new_rs, {new_rs, old_rs}, 4, f) == 1);  // at 5 = 4 + 1 already
  old_rs.spec_replicas = 3;
  CHECK(NewReplicaSetTarget(new_rs, {new_rs, old_rs}, 4, f) == 2);
  new_rs.spec_replicas = 6;
  CHECK(NewReplicaSetTarget(new_rs, {new_rs}, 4, f) == 4);  // scaled down to desired
}

TEST_CASE("OldReplicaSetTargets keeps enough available", "[deployment]") {
  Fenceposts f{1, 1};
  // 1 new (not yet available) + 4 old available, desired 4, maxUnavailable 1:
  // one old may go, leaving 3 available.
  auto targets = OldReplicaSetTargets({{"old", 4, 4}}, {"new", 1, 0}, 4, f);
  CHECK(targets == std::vector<int32_t>{3});
  // Once the new pod is available, two old may go (5 available, 3 needed).
  targets = OldReplicaSetTargets({{"old", 4, 4}}, {"new", 1, 1}, 4, f);
  CHECK(targets == std::vector<int32_t>{2});
  // Nothing may go while only the minimum is available.
  targets = OldReplicaSetTargets({{"old", 3, 3}}, {"new", 2, 0}, 4, f);
  CHECK(targets == std::vector<int32_t>{3});
  // Unavailable old pods go first, even when nothing else may.
  targets = OldReplicaSetTargets({{"old-a", 2, 0}, {"old-b", 2, 2}}, {"new", 1, 1}, 4, f);
  CHECK(targets == std::vector<int32_t>{0, 2});
}

}  // namespace kube::kcm::deployment
