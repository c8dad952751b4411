#include "controller-manager/nodelifecycle/taints.h"

#include <catch2/catch.hpp>

namespace kube::kcm::nodelifecycle {
namespace {

using k8s::core::v1::Node;
using k8s::core::v1::Pod;

Node NodeWithReady(const std::string& status) {
  Node node;
  node.mutable_metadata()->set_name("n1");
  auto* ready = node.mutable_status()->add_conditions();
  ready->set_type("Ready");
  ready->set_status(status);
  return node;
}

k8s::core::v1::Taint MakeTaint(const std::string& key, const std::string& effect, int64_t added) {
  k8s::core::v1::Taint taint;
  taint.set_key(key);
  taint.set_effect(effect);
  taint.mutable_timeadded()->set_seconds(added);
  return taint;
}

void Tolerate(Pod& pod, const std::string& key, std::optional<int64_t> seconds) {
  auto* toleration = pod.mutable_spec()->add_tolerations();
  toleration->set_key(key);
  toleration->set_operator_("Exists");
  toleration->set_effect("NoExecute");
  if (seconds) toleration->set_tolerationseconds(*seconds);
}

}  // namespace

TEST_CASE("DesiredTaints follows the Ready condition", "[nodelifecycle]") {
  const absl::Time now = absl::FromUnixSeconds(500);
  Node node = NodeWithReady("Unknown");
  *node.mutable_spec()->add_taints() = MakeTaint("dedicated", "NoSchedule", 1);
  auto taints = DesiredTaints(node, "Unknown", now);
  REQUIRE(taints.size() == 3);
  CHECK(taints[1].key() == kUnreachableTaint);
  CHECK(taints[1].timeadded().seconds() == 500);

  // Going not-ready swaps unreachable for not-ready; ready removes both.
  *node.mutable_spec()->mutable_taints() = taints;
  auto not_ready = DesiredTaints(node, "False", now);
  REQUIRE(not_ready.size() == 3);
  CHECK(not_ready[1].key() == kNotReadyTaint);
  auto ready = DesiredTaints(node, "True", now);
  REQUIRE(ready.size() == 1);
  CHECK(ready[0].key() == "dedicated");

  // Taints that stay keep their time.
  auto again = DesiredTaints(node, "Unknown", now + absl::Seconds(60));
  CHECK(SameTaints(again, taints));
  CHECK(again[1].timeadded().seconds() == 500);
  CHECK(ReadyStatus(Node()) == "Unknown");
}

TEST_CASE("EvictionTime uses tolerationSeconds and the defaults", "[nodelifecycle]") {
  const absl::Time now = absl::FromUnixSeconds(1000);
  google::protobuf::RepeatedPtrField<k8s::core::v1::Taint> taints;
  *taints.Add() = MakeTaint(kUnreachableTaint, "NoExecute", 900);
  *taints.Add() = MakeTaint(kUnreachableTaint, "NoSchedule", 900);
  TolerationDefaults defaults{.not_ready_seconds = 30, .unreachable_seconds = 60};

  Pod bare;
  CHECK(EvictionTime(bare, taints, defaults, now) == absl::FromUnixSeconds(960));

  Pod short_lived;
  Tolerate(short_lived, kUnreachableTaint, 5);
  Tolerate(short_lived, kUnreachableTaint, std::nullopt);
  CHECK(EvictionTime(short_lived, taints, defaults, now) == absl::FromUnixSeconds(905));

  Pod forever;
  Tolerate(forever, kUnreachableTaint, std::nullopt);
  CHECK_FALSE(EvictionTime(forever, taints, defaults, now).has_value());

  // A NoExecute taint nobody tolerates evicts at once.
  *taints.Add() = MakeTaint("maintenance", "NoExecute", 950);
  CHECK(EvictionTime(forever, taints, defaults, now) == absl::FromUnixSeconds(950));
}

}  // namespace kube::kcm::nodelifecycle
