#include "controller-manager/deployment/deployment_status.h"

#include <catch2/catch.hpp>

namespace kube::kcm::deployment {
namespace {

using k8s::apps::v1::Deployment;
using k8s::apps::v1::ReplicaSet;

ReplicaSet Set(const std::string& name, int32_t replicas, int32_t available) {
  ReplicaSet rs;
  rs.mutable_metadata()->set_name(name);
  rs.mutable_status()->set_replicas(replicas);
  rs.mutable_status()->set_readyreplicas(available);
  rs.mutable_status()->set_availablereplicas(available);
  return rs;
}

const k8s::apps::v1::DeploymentCondition* Condition(const k8s::apps::v1::DeploymentStatus& status,
                                                    const std::string& type) {
  for (const auto& condition : status.conditions()) {
    if (condition.type() == type) return &condition;
  }
  return nullptr;
}

const absl::Time kNow = absl::FromUnixSeconds(10000);

}  // namespace

TEST_CASE("Deployment status: counts and a rollout in progress", "[deployment]") {
  Deployment d;
  d.mutable_metadata()->set_generation(4);
  d.mutable_spec()->set_replicas(3);
  ReplicaSet old_rs = Set("web-old", 2, 2);
  ReplicaSet new_rs = Set("web-new", 2, 1);
  auto result = ComputeDeploymentStatus(d, {&old_rs, &new_rs}, &new_rs, {1, 1}, true, kNow);
  const auto& status = result.status;
  CHECK(status.observedgeneration() == 4);
  CHECK(status.replicas() == 4);
  CHECK(status.updatedreplicas() == 2);
  CHECK(status.availablereplicas() == 3);
  CHECK(status.unavailablereplicas() == 0);
  REQUIRE(Condition(status, "Available") != nullptr);
  CHECK(Condition(status, "Available")->status() == "True");
  REQUIRE(Condition(status, "Progressing") != nullptr);
  CHECK(Condition(status, "Progressing")->reason() == "ReplicaSetUpdated");
  CHECK(Condition(status, "Progressing")->lastupdatetime().seconds() == 10000);
}

TEST_CASE("Deployment status: complete, then stable timestamps", "[deployment]") {
  Deployment d;
  d.mutable_spec()->set_replicas(2);
  ReplicaSet new_rs = Set("web-new", 2, 2);
  auto first = ComputeDeploymentStatus(d, {&new_rs}, &new_rs, {1, 1}, false, kNow);
  CHECK(Condition(first.status, "Progressing")->reason() == "NewReplicaSetAvailable");
  *d.mutable_status() = first.status;
  auto again = ComputeDeploymentStatus(d, {&new_rs}, &new_rs, {1, 1}, false, kNow + absl::Minutes(5));
  CHECK(again.status.SerializeAsString() == first.status.SerializeAsString());
}

TEST_CASE("Deployment status: no progress past the deadline", "[deployment]") {
  Deployment d;
  d.mutable_spec()->set_replicas(2);
  d.mutable_spec()->set_progressdeadlineseconds(60);
  ReplicaSet new_rs = Set("web-new", 2, 0);
  auto moving = ComputeDeploymentStatus(d, {&new_rs}, &new_rs, {1, 1}, true, kNow);
  *d.mutable_status() = moving.status;
  auto waiting = ComputeDeploymentStatus(d, {&new_rs}, &new_rs, {1, 1}, false, kNow + absl::Seconds(30));
  CHECK(Condition(waiting.status, "Progressing")->reason() == "ReplicaSetUpdated");
  REQUIRE(waiting.recheck_after.has_value());
  CHECK(*waiting.recheck_after <= absl::Seconds(31));
  auto late = ComputeDeploymentStatus(d, {&new_rs}, &new_rs, {1, 1}, false, kNow + absl::Seconds(61));
  CHECK(Condition(late.status, "Progressing")->status() == "False");
  CHECK(Condition(late.status, "Progressing")->reason() == "ProgressDeadlineExceeded");
  CHECK(Condition(late.status, "Available")->status() == "False");
}

TEST_CASE("Deployment status: paused", "[deployment]") {
  Deployment d;
  d.mutable_spec()->set_paused(true);
  auto result = ComputeDeploymentStatus(d, {}, nullptr, {1, 1}, false, kNow);
  CHECK(Condition(result.status, "Progressing")->status() == "Unknown");
  CHECK(Condition(result.status, "Progressing")->reason() == "DeploymentPaused");
}

}  // namespace kube::kcm::deployment
