#include "apiserver/registry/rbac/rbac_validation.h"

#include <catch2/catch.hpp>

#include "apiserver/registry/apps/apps_test_util.h"
#include "apiserver/registry/rbac/role_strategy.h"
#include "apiserver/registry/rbac/rolebinding_strategy.h"

namespace kube::apiserver {
namespace {

using k8s::rbac::v1::ClusterRole;
using k8s::rbac::v1::ClusterRoleBinding;
using k8s::rbac::v1::Role;
using k8s::rbac::v1::RoleBinding;
using testing::HasError;
using testing::Parse;

TEST_CASE("Role rules need verbs, groups and resources", "[rbac][validation]") {
  RoleStrategy strategy;
  CHECK(strategy.name_rule() == NameRule::kPathSegment);
  CHECK(strategy.allow_create_on_update());
  CHECK(strategy.Validate(Parse<Role>(
                              "metadata { name: 'r' } rules { verbs: 'get' apiGroups: '' "
                              "resources: 'pods' resourceNames: 'a' }"))
            .empty());

  const api::FieldErrors errors =
      strategy.Validate(Parse<Role>("rules { resources: 'pods' } rules { verbs: 'get' }"));
  CHECK(HasError(errors, "rules[0].verbs: Required value: verbs must contain at least one value"));
  CHECK(HasError(errors,
                 "rules[0].apiGroups: Required value: resource rules must supply at least one "
                 "api group"));
  CHECK(HasError(errors,
                 "rules[1].resources: Required value: resource rules must supply at least one "
                 "resource"));
  CHECK(errors.size() == 4);
}

TEST_CASE("Non-resource URLs belong to cluster roles alone", "[rbac][validation]") {
  RoleStrategy role_strategy;
  CHECK(HasError(role_strategy.Validate(Parse<Role>(
                     "rules { verbs: 'get' nonResourceURLs: '/healthz' nonResourceURLs: '/a/*' }")),
                 "rules[0].nonResourceURLs: Invalid value: []string{\"/healthz\", \"/a/*\"}: "
                 "namespaced rules cannot apply to non-resource URLs"));

  ClusterRoleStrategy strategy;
  CHECK(strategy.Validate(Parse<ClusterRole>("rules { verbs: 'get' nonResourceURLs: '/healthz' }"))
            .empty());
  const api::FieldErrors mixed = strategy.Validate(Parse<ClusterRole>(
      "rules { verbs: 'get' nonResourceURLs: '/healthz' apiGroups: '' resources: 'pods' }"));
  REQUIRE(mixed.size() == 1);
  CHECK(mixed[0].ToString() ==
        "rules[0].nonResourceURLs: Invalid value: []string{\"/healthz\"}: rules cannot apply to "
        "both regular resources and non-resource URLs");
}

TEST_CASE("Aggregation rules need valid selectors", "[rbac][validation]") {
  ClusterRoleStrategy strategy;
  CHECK(strategy.Validate(Parse<ClusterRole>(
                              "aggregationRule { clusterRoleSelectors { matchLabels { key: "
                              "'rbac.example.com/aggregate-to-monitoring' value: 'true' } } }"))
            .empty());
  CHECK(HasError(strategy.Validate(Parse<ClusterRole>("aggregationRule {}")),
                 "aggregationRule.clusterRoleSelectors: Required value: at least one "
                 "clusterRoleSelector required if aggregationRule is non-nil"));
  const api::FieldErrors bad = strategy.Validate(Parse<ClusterRole>(
      "aggregationRule { clusterRoleSelectors { matchExpressions { key: 'a' operator: 'Near' } } }"));
  CHECK(HasError(bad,
                 "aggregationRule.clusterRoleSelectors[0].matchExpressions[0].operator: Invalid "
                 "value: \"Near\": not a valid selector operator"));
  CHECK(HasError(bad, "aggregationRule.clusterRoleSelectors[0]: Invalid value: \"null\": invalid "
                      "label selector."));
}

TEST_CASE("Bindings check the roleRef and subjects", "[rbac][validation]") {
  RoleBindingStrategy strategy;
  RoleBinding binding = Parse<RoleBinding>(
      "metadata { name: 'b' namespace: 'ns' } roleRef { kind: 'ClusterRole' name: 'view' } "
      "subjects { kind: 'User' name: 'alice' } subjects { kind: 'Group' name: 'devs' } "
      "subjects { kind: 'ServiceAccount' name: 'default' }");
  strategy.Default(binding);
  CHECK(binding.roleref().apigroup() == "rbac.authorization.k8s.io");
  CHECK(binding.subjects(0).apigroup() == "rbac.authorization.k8s.io");
  CHECK(binding.subjects(1).apigroup() == "rbac.authorization.k8s.io");
  CHECK(binding.subjects(2).apigroup().empty());
  CHECK(strategy.Validate(binding).empty());  // a RoleBinding's SA may omit its namespace

  const api::FieldErrors errors = strategy.Validate(Parse<RoleBinding>(
      "roleRef { apiGroup: 'example.com' kind: 'Thing' } "
      "subjects { kind: 'User' name: 'a' apiGroup: 'x' } subjects { kind: 'Robot' name: 'r' } "
      "subjects { kind: 'ServiceAccount' name: 'Bad_Name' apiGroup: 'v1' } subjects { kind: 'Group' }"));
  CHECK(HasError(errors,
                 "roleRef.apiGroup: Unsupported value: \"example.com\": supported values: "
                 "\"rbac.authorization.k8s.io\""));
  CHECK(HasError(errors,
                 "roleRef.kind: Unsupported value: \"Thing\": supported values: \"Role\", "
                 "\"ClusterRole\""));
  CHECK(HasError(errors, "roleRef.name: Required value"));
  CHECK(HasError(errors,
                 "subjects[0].apiGroup: Unsupported value: \"x\": supported values: "
                 "\"rbac.authorization.k8s.io\""));
  CHECK(HasError(errors,
                 "subjects[1].kind: Unsupported value: \"Robot\": supported values: "
                 "\"ServiceAccount\", \"User\", \"Group\""));
  CHECK(HasError(errors, "subjects[2].apiGroup: Unsupported value: \"v1\": supported values: \"\""));
  CHECK(HasError(errors, "subjects[3].name: Required value"));
  bool name_checked = false;
  for (const auto& error : errors) name_checked |= error.field == "subjects[2].name";
  CHECK(name_checked);

  CHECK(HasError(strategy.Validate(Parse<RoleBinding>(
                     "roleRef { apiGroup: 'rbac.authorization.k8s.io' kind: 'Role' name: 'a/b' }")),
                 "roleRef.name: Invalid value: \"a/b\": may not contain '/'"));
}

TEST_CASE("ClusterRoleBindings take ClusterRoles and namespaced service accounts",
          "[rbac][validation]") {
  ClusterRoleBindingStrategy strategy;
  ClusterRoleBinding binding = Parse<ClusterRoleBinding>(
      "roleRef { kind: 'Role' name: 'r' } subjects { kind: 'ServiceAccount' name: 'default' }");
  strategy.Default(binding);
  const api::FieldErrors errors = strategy.Validate(binding);
  CHECK(HasError(errors,
                 "roleRef.kind: Unsupported value: \"Role\": supported values: \"ClusterRole\""));
  CHECK(HasError(errors, "subjects[0].namespace: Required value"));
  CHECK(errors.size() == 2);
}

TEST_CASE("roleRef cannot change", "[rbac][validation]") {
  RoleBindingStrategy strategy;
  const RoleBinding old = Parse<RoleBinding>(
      "roleRef { apiGroup: 'rbac.authorization.k8s.io' kind: 'ClusterRole' name: 'view' }");
  RoleBinding updated = old;
  CHECK(strategy.ValidateUpdate(updated, old).empty());
  updated.mutable_roleref()->set_name("edit");
  const api::FieldErrors errors = strategy.ValidateUpdate(updated, old);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].ToString() ==
        "roleRef: Invalid value: rbac.RoleRef{APIGroup:\"rbac.authorization.k8s.io\", "
        "Kind:\"ClusterRole\", Name:\"edit\"}: cannot change roleRef");

  ClusterRoleBindingStrategy cluster;
  ClusterRoleBinding cluster_old;
  *cluster_old.mutable_roleref() = old.roleref();
  ClusterRoleBinding cluster_new = cluster_old;
  cluster_new.mutable_roleref()->set_name("admin");
  CHECK(cluster.ValidateUpdate(cluster_new, cluster_old).size() == 1);
}

}  // namespace
}  // namespace kube::apiserver
