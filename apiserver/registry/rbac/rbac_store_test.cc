#include <catch2/catch.hpp>

#include "apiserver/registry/apps/apps_test_util.h"
#include "apiserver/registry/apps/store_test_util.h"
#include "apiserver/registry/rbac/register_rbac.h"
#include "common/api/errors.h"
#include "k8s/rbac/v1/rbac.pb.h"

namespace kube::apiserver {
namespace {

using k8s::rbac::v1::ClusterRole;
using k8s::rbac::v1::ClusterRoleBinding;
using k8s::rbac::v1::Role;
using k8s::rbac::v1::RoleBinding;
using testing::Parse;

TEST_CASE("The rbac group registers four resources as upstream", "[rbac][store]") {
  testing::StoreFixture fixture;
  RegisterRbacResources(fixture.registry(), fixture.config());
  REQUIRE(fixture.registry().All().size() == 4);
  const auto* roles = fixture.registry().Find("rbac.authorization.k8s.io", "v1", "roles");
  REQUIRE(roles != nullptr);
  CHECK(roles->namespaced);
  CHECK(roles->kind == "Role");
  CHECK(roles->singular == "role");
  CHECK(roles->short_names.empty());
  CHECK(roles->categories.empty());
  CHECK_FALSE(roles->subresources.status);
  CHECK(roles->StoragePrefix() == "/registry/rbac.authorization.k8s.io/roles/");
  const auto* cluster_roles =
      fixture.registry().FindByKind("rbac.authorization.k8s.io", "v1", "ClusterRole");
  REQUIRE(cluster_roles != nullptr);
  CHECK_FALSE(cluster_roles->namespaced);
  CHECK(cluster_roles->QualifiedResource() == "clusterroles.rbac.authorization.k8s.io");
  CHECK(fixture.registry().Find("rbac.authorization.k8s.io", "v1", "rolebindings")->namespaced);
  CHECK_FALSE(
      fixture.registry().Find("rbac.authorization.k8s.io", "v1", "clusterrolebindings")->namespaced);
}

TEST_CASE("Roles and bindings through the generic store on SQLite", "[rbac][store]") {
  testing::StoreFixture fixture;
  RegisterRbacResources(fixture.registry(), fixture.config());

  Store& roles = fixture.StoreFor("rbac.authorization.k8s.io", "Role");
  auto role = roles.Create("ns1",
                           std::make_unique<Role>(Parse<Role>(
                               "metadata { name: 'system:reader' } "
                               "rules { verbs: 'get' apiGroups: '' resources: 'pods' }")),
                           WriteOptions{});
  REQUIRE(role.ok());
  const auto& stored_role = static_cast<const Role&>(**role);
  CHECK(stored_role.metadata().namespace_() == "ns1");
  CHECK_FALSE(stored_role.metadata().has_generation());
  CHECK(stored_role.rules(0).resources(0) == "pods");

  // Names are path segments: colons are fine, slashes are not.
  auto bad_name = roles.Create("ns1", std::make_unique<Role>(Parse<Role>("metadata { name: 'a%b' }")),
                               WriteOptions{});
  REQUIRE_FALSE(bad_name.ok());
  CHECK(api::HttpCode(bad_name.status()) == 422);

  auto bad_rule = roles.Create(
      "ns1", std::make_unique<Role>(Parse<Role>("metadata { name: 'x' } rules { verbs: 'get' }")),
      WriteOptions{});
  REQUIRE_FALSE(bad_rule.ok());
  CHECK(api::HttpCode(bad_rule.status()) == 422);

  Store& cluster_roles = fixture.StoreFor("rbac.authorization.k8s.io", "ClusterRole");
  auto aggregated = cluster_roles.Create(
      "", std::make_unique<ClusterRole>(Parse<ClusterRole>(
              "metadata { name: 'monitoring' } aggregationRule { clusterRoleSelectors { "
              "matchLabels { key: 'example.com/aggregate-to-monitoring' value: 'true' } } }")),
      WriteOptions{});
  REQUIRE(aggregated.ok());
  CHECK(static_cast<const ClusterRole&>(**aggregated).has_aggregationrule());

  // PUT creates a missing role, as upstream allows for RBAC kinds.
  bool created = false;
  auto put = cluster_roles.Replace(
      "", "put-created",
      std::make_unique<ClusterRole>(Parse<ClusterRole>(
          "metadata { name: 'put-created' } rules { verbs: 'get' nonResourceURLs: '/healthz' }")),
      UpdateMode::kMain, WriteOptions{}, &created);
  REQUIRE(put.ok());
  CHECK(created);

  Store& bindings = fixture.StoreFor("rbac.authorization.k8s.io", "RoleBinding");
  auto binding = bindings.Create(
      "ns1",
      std::make_unique<RoleBinding>(Parse<RoleBinding>(
          "metadata { name: 'read' } roleRef { kind: 'Role' name: 'system:reader' } "
          "subjects { kind: 'User' name: 'alice' } subjects { kind: 'ServiceAccount' name: 'default' }")),
      WriteOptions{});
  REQUIRE(binding.ok());
  const auto& stored = static_cast<const RoleBinding&>(**binding);
  CHECK(stored.roleref().apigroup() == "rbac.authorization.k8s.io");
  CHECK(stored.subjects(0).apigroup() == "rbac.authorization.k8s.io");

  auto subjects_changed = fixture.Edit<RoleBinding>(
      bindings, "ns1", "read", false,
      [](RoleBinding& b) { b.mutable_subjects(0)->set_name("bob"); });
  REQUIRE(subjects_changed.ok());
  CHECK(static_cast<const RoleBinding&>(**subjects_changed).subjects(0).name() == "bob");

  auto ref_changed = fixture.Edit<RoleBinding>(
      bindings, "ns1", "read", false,
      [](RoleBinding& b) { b.mutable_roleref()->set_kind("ClusterRole"); });
  REQUIRE_FALSE(ref_changed.ok());
  CHECK(api::HttpCode(ref_changed.status()) == 422);
  CHECK(std::string(ref_changed.status().message()).find("cannot change roleRef") !=
        std::string::npos);

  Store& cluster_bindings = fixture.StoreFor("rbac.authorization.k8s.io", "ClusterRoleBinding");
  auto cluster_binding = cluster_bindings.Create(
      "", std::make_unique<ClusterRoleBinding>(Parse<ClusterRoleBinding>(
              "metadata { name: 'monitoring' } roleRef { kind: 'ClusterRole' name: 'monitoring' } "
              "subjects { kind: 'Group' name: 'system:monitoring' }")),
      WriteOptions{});
  REQUIRE(cluster_binding.ok());
  auto fetched = cluster_bindings.Get("", "monitoring");
  REQUIRE(fetched.ok());
  CHECK(static_cast<const ClusterRoleBinding&>(**fetched).subjects(0).apigroup() ==
        "rbac.authorization.k8s.io");
}

}  // namespace
}  // namespace kube::apiserver
