#include <catch2/catch.hpp>

#include "apiserver/registry/apps/apps_test_util.h"
#include "apiserver/registry/apps/replicaset_strategy.h"
#include "k8s/apps/v1/apps.pb.h"

namespace kube::apiserver {
namespace {

using k8s::apps::v1::ReplicaSet;
using testing::HasError;
using testing::Parse;

ReplicaSet Valid(const ReplicaSetStrategy& strategy) {
  auto rs = Parse<ReplicaSet>(R"(
    metadata { name: "web-1" namespace: "default" }
    spec {
      selector { matchLabels { key: "app" value: "web" } }
      template {
        metadata { labels { key: "app" value: "web" } labels { key: "hash" value: "1" } }
        spec { containers { name: "web" image: "nginx" } }
      }
    })");
  strategy.Default(rs);
  return rs;
}

TEST_CASE("ReplicaSet defaults and validation") {
  ReplicaSetStrategy strategy(testing::FakeHooks());
  ReplicaSet rs = Valid(strategy);
  CHECK(rs.spec().replicas() == 1);
  CHECK(strategy.Validate(rs).empty());

  SECTION("selector must match") {
    (*rs.mutable_spec()->mutable_selector()->mutable_matchlabels())["tier"] = "x";
    CHECK(HasError(strategy.Validate(rs),
                   "spec.template.metadata.labels: Invalid value: "
                   "map[string]string{\"app\":\"web\", \"hash\":\"1\"}: `selector` does not "
                   "match template `labels`"));
  }
  SECTION("activeDeadlineSeconds is forbidden") {
    rs.mutable_spec()->mutable_template_()->mutable_spec()->set_activedeadlineseconds(5);
    CHECK(HasError(strategy.Validate(rs),
                   "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds "
                   "in ReplicaSet is not Supported"));
  }
  SECTION("negative minReadySeconds") {
    rs.mutable_spec()->set_minreadyseconds(-3);
    CHECK(HasError(strategy.Validate(rs),
                   "spec.minReadySeconds: Invalid value: -3: must be greater than or equal to 0"));
  }
}

TEST_CASE("ReplicaSet selector is immutable and status.replicas is selectable") {
  ReplicaSetStrategy strategy(testing::FakeHooks());
  ReplicaSet old = Valid(strategy);
  ReplicaSet updated = old;
  updated.mutable_spec()->mutable_selector()->clear_matchlabels();
  REQUIRE(strategy.ValidateUpdate(updated, old).size() == 1);
  CHECK(strategy.ValidateUpdate(updated, old)[0].detail == "field is immutable");

  old.mutable_status()->set_replicas(3);
  CHECK(strategy.SelectableField(old, "status.replicas") == "3");
  CHECK_FALSE(strategy.SelectableField(old, "spec.replicas").has_value());
}

TEST_CASE("ReplicaSet status validation") {
  ReplicaSetStrategy strategy(testing::FakeHooks());
  ReplicaSet old = Valid(strategy);
  ReplicaSet updated = old;
  updated.mutable_status()->set_replicas(1);
  updated.mutable_status()->set_readyreplicas(1);
  updated.mutable_status()->set_availablereplicas(2);
  auto errors = strategy.ValidateStatusUpdate(updated, old);
  CHECK(HasError(errors,
                 "status.availableReplicas: Invalid value: 2: cannot be greater than "
                 "status.replicas"));
  CHECK(HasError(errors,
                 "status.availableReplicas: Invalid value: 2: cannot be greater than "
                 "readyReplicas"));
}

}  // namespace
}  // namespace kube::apiserver
