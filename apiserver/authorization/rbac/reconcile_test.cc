#include "apiserver/authorization/rbac/reconcile.h"

#include <catch2/catch.hpp>

#include "apiserver/authorization/rbac/bootstrap_policy.h"
#include "apiserver/authorization/rbac/rbac_test_util.h"

namespace kube::apiserver::rbac {
namespace {

using k8s::rbac::v1::ClusterRole;
using k8s::rbac::v1::ClusterRoleBinding;
using testing::MakeClusterRole;
using testing::MakeClusterRoleBinding;
using testing::MakeRule;

ClusterRole Expected() {
  ClusterRole role = MakeClusterRole("r", {MakeRule("get", "", "pods"), MakeRule("get", "", "secrets")});
  (*role.mutable_metadata()->mutable_labels())[kBootstrappingLabel] = kBootstrappingLabelValue;
  (*role.mutable_metadata()->mutable_annotations())[kAutoUpdateAnnotation] = "true";
  return role;
}

TEST_CASE("A missing role is created as expected", "[rbac][reconcile]") {
  const ClusterRole expected = Expected();
  auto result = ReconcileClusterRole(nullptr, expected);
  CHECK(result.operation == ReconcileOperation::kCreate);
  CHECK(result.ShouldWrite());
  CHECK(result.object.SerializeAsString() == expected.SerializeAsString());
  CHECK(result.missing_rules.size() == 2);
}

TEST_CASE("A role that holds everything is left alone", "[rbac][reconcile]") {
  const ClusterRole expected = Expected();
  ClusterRole existing = expected;
  existing.mutable_metadata()->set_resourceversion("7");
  *existing.add_rules() = MakeRule("*", "apps", "*");  // extra rules are kept
  auto result = ReconcileClusterRole(&existing, expected);
  CHECK(result.operation == ReconcileOperation::kNone);
  CHECK_FALSE(result.ShouldWrite());
  CHECK(result.extra_rules.size() == 1);
  CHECK(result.missing_rules.empty());

  // A rule held more broadly covers the expected one.
  ClusterRole broad = MakeClusterRole("r", {MakeRule("get,list", "", "pods,secrets")});
  *broad.mutable_metadata() = expected.metadata();
  CHECK(ReconcileClusterRole(&broad, expected).operation == ReconcileOperation::kNone);
}

TEST_CASE("Missing rules, labels and annotations are added back", "[rbac][reconcile]") {
  const ClusterRole expected = Expected();
  ClusterRole existing = MakeClusterRole("r", {MakeRule("get", "", "pods"), MakeRule("*", "x", "y")});
  existing.mutable_metadata()->set_resourceversion("7");
  (*existing.mutable_metadata()->mutable_labels())["mine"] = "1";
  (*existing.mutable_metadata()->mutable_labels())[kBootstrappingLabel] = "custom";
  auto result = ReconcileClusterRole(&existing, expected);
  CHECK(result.operation == ReconcileOperation::kUpdate);
  CHECK(result.object.metadata().resourceversion() == "7");
  // Stored values win; missing keys are added.
  CHECK(result.object.metadata().labels().at("mine") == "1");
  CHECK(result.object.metadata().labels().at(kBootstrappingLabel) == "custom");
  CHECK(result.object.metadata().annotations().at(kAutoUpdateAnnotation) == "true");
  REQUIRE(result.object.rules_size() == 3);
  CHECK(result.object.rules(2).resources(0) == "secrets");

  // Only metadata missing: still an update.
  ClusterRole bare = expected;
  bare.mutable_metadata()->clear_labels();
  CHECK(ReconcileClusterRole(&bare, expected).operation == ReconcileOperation::kUpdate);

  // Replacing instead of adding.
  auto strict = ReconcileClusterRole(&existing, expected, /*remove_extra_permissions=*/true);
  CHECK(strict.operation == ReconcileOperation::kUpdate);
  CHECK(strict.object.rules_size() == 2);
}

TEST_CASE("autoupdate=false protects a stored object", "[rbac][reconcile]") {
  const ClusterRole expected = Expected();
  ClusterRole existing = MakeClusterRole("r", {});
  (*existing.mutable_metadata()->mutable_annotations())[kAutoUpdateAnnotation] = "false";
  auto result = ReconcileClusterRole(&existing, expected);
  CHECK(result.is_protected);
  CHECK_FALSE(result.ShouldWrite());
  CHECK(result.missing_rules.size() == 2);  // still reported

  ClusterRoleBinding binding = MakeClusterRoleBinding("b", "r", {"User:a"});
  (*binding.mutable_metadata()->mutable_annotations())[kAutoUpdateAnnotation] = "false";
  auto binding_result = ReconcileClusterRoleBinding(
      &binding, MakeClusterRoleBinding("b", "r", {"User:a", "User:b"}));
  CHECK(binding_result.is_protected);
  CHECK_FALSE(binding_result.ShouldWrite());
}

TEST_CASE("Aggregated roles keep their aggregated rules and gain selectors", "[rbac][reconcile]") {
  ClusterRole expected;
  for (const ClusterRole& role : ClusterRoles()) {
    if (role.metadata().name() == "edit") expected = role;
  }
  REQUIRE(expected.has_aggregationrule());

  // The controller filled the rules: they are not extra, and nothing is written.
  ClusterRole existing = expected;
  *existing.add_rules() = MakeRule("get", "", "pods");
  auto result = ReconcileClusterRole(&existing, expected);
  CHECK(result.operation == ReconcileOperation::kNone);
  CHECK(result.extra_rules.empty());
  CHECK(result.object.rules_size() == 1);

  // A stored role without the selector gets it appended.
  ClusterRole custom = existing;
  custom.mutable_aggregationrule()->mutable_clusterroleselectors(0)->mutable_matchlabels()->clear();
  (*custom.mutable_aggregationrule()->mutable_clusterroleselectors(0)->mutable_matchlabels())["mine"] =
      "true";
  auto added = ReconcileClusterRole(&custom, expected);
  CHECK(added.operation == ReconcileOperation::kUpdate);
  CHECK(added.missing_selectors.size() == 1);
  CHECK(added.object.aggregationrule().clusterroleselectors_size() == 2);
  CHECK(added.object.rules_size() == 1);

  // The policy stops aggregating: the aggregation rule goes.
  ClusterRole plain = expected;
  plain.clear_aggregationrule();
  auto dropped = ReconcileClusterRole(&existing, plain);
  CHECK(dropped.operation == ReconcileOperation::kUpdate);
  CHECK_FALSE(dropped.object.has_aggregationrule());
}

TEST_CASE("Bindings gain missing subjects, a new roleRef recreates", "[rbac][reconcile]") {
  const ClusterRoleBinding expected =
      MakeClusterRoleBinding("system:basic-user", "system:basic-user", {"Group:system:authenticated"});
  CHECK(ReconcileClusterRoleBinding(nullptr, expected).operation == ReconcileOperation::kCreate);

  ClusterRoleBinding existing = MakeClusterRoleBinding(
      "system:basic-user", "system:basic-user", {"Group:system:unauthenticated"});
  existing.mutable_metadata()->set_uid("u1");
  auto result = ReconcileClusterRoleBinding(&existing, expected);
  CHECK(result.operation == ReconcileOperation::kUpdate);
  CHECK(result.object.metadata().uid() == "u1");
  REQUIRE(result.object.subjects_size() == 2);
  CHECK(result.object.subjects(1).name() == "system:authenticated");
  CHECK(result.missing_subjects.size() == 1);
  CHECK(result.extra_subjects.size() == 1);

  auto strict = ReconcileClusterRoleBinding(&existing, expected, /*remove_extra_subjects=*/true);
  REQUIRE(strict.object.subjects_size() == 1);
  CHECK(strict.object.subjects(0).name() == "system:authenticated");

  CHECK(ReconcileClusterRoleBinding(&expected, expected).operation == ReconcileOperation::kNone);

  ClusterRoleBinding moved = expected;
  moved.mutable_roleref()->set_name("other");
  auto recreate = ReconcileClusterRoleBinding(&moved, expected);
  CHECK(recreate.operation == ReconcileOperation::kRecreate);
  CHECK(recreate.object.roleref().name() == "system:basic-user");
}

TEST_CASE("Namespaced roles and bindings reconcile the same way", "[rbac][reconcile]") {
  const auto roles = NamespaceRoles();
  const auto bindings = NamespaceRoleBindings();
  auto role = ReconcileRole(nullptr, roles.front());
  CHECK(role.operation == ReconcileOperation::kCreate);
  CHECK(ReconcileRole(&roles.front(), roles.front()).operation == ReconcileOperation::kNone);
  auto binding = ReconcileRoleBinding(nullptr, bindings.front());
  CHECK(binding.operation == ReconcileOperation::kCreate);
  CHECK(ReconcileRoleBinding(&bindings.front(), bindings.front()).operation ==
        ReconcileOperation::kNone);
}

}  // namespace
}  // namespace kube::apiserver::rbac
