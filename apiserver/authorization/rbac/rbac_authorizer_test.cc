#include "apiserver/authorization/rbac/rbac_authorizer.h"

#include <catch2/catch.hpp>

#include "apiserver/authorization/rbac/rbac_test_util.h"
#include "apiserver/authorization/rbac/static_object_source.h"

namespace kube::apiserver::rbac {
namespace {

using auth::Attributes;
using auth::Decision;
using testing::MakeClusterRole;
using testing::MakeClusterRoleBinding;
using testing::MakeNamespacedRole;
using testing::MakeRoleBinding;
using testing::MakeRule;
using testing::MakeUser;
using testing::PathRequest;
using testing::ResourceRequest;

bool Allowed(const RbacAuthorizer& authorizer, const Attributes& attributes) {
  std::string reason;
  return authorizer.Decide(attributes, &reason) == Decision::kAllow;
}

// Upstream's TestAuthorizer: a ClusterRole granted in one namespace by a RoleBinding.
TEST_CASE("A RoleBinding grants a ClusterRole in its namespace only", "[rbac][authorizer]") {
  StaticRbacObjectSource source;
  source.AddClusterRole(MakeClusterRole("admin", {MakeRule("*", "*", "*", "*")}));
  source.AddRoleBinding(
      MakeRoleBinding("ns1", "admin", "ClusterRole", "admin", {"User:admin", "Group:admins"}));
  RbacAuthorizer authorizer(source);

  const auth::UserInfo admin = MakeUser("admin");
  const auth::UserInfo admin_in_group1 = MakeUser("admin", "group1");
  const auth::UserInfo joe = MakeUser("joe", "admins");
  const auth::UserInfo joe_two_groups = MakeUser("joe", "group1,admins");
  const auth::UserInfo admin_admins = MakeUser("admin", "admins");

  CHECK(Allowed(authorizer, ResourceRequest(admin, "get", "", "Pods", "", "ns1")));
  CHECK(Allowed(authorizer, ResourceRequest(admin, "watch", "", "Pods", "", "ns1")));
  CHECK(Allowed(authorizer, ResourceRequest(admin_in_group1, "watch", "", "Foobar", "", "ns1")));
  CHECK(Allowed(authorizer, ResourceRequest(joe, "watch", "", "Foobar", "", "ns1")));
  CHECK(Allowed(authorizer, ResourceRequest(joe_two_groups, "watch", "", "Foobar", "", "ns1")));

  CHECK_FALSE(Allowed(authorizer, ResourceRequest(admin, "GET", "", "Pods", "", "ns2")));
  CHECK_FALSE(Allowed(authorizer, ResourceRequest(admin, "GET", "", "Nodes", "", "")));
  CHECK_FALSE(Allowed(authorizer, ResourceRequest(admin_admins, "GET", "", "Pods", "", "ns2")));
  CHECK_FALSE(Allowed(authorizer, ResourceRequest(admin_admins, "GET", "", "Nodes", "", "")));
  // Non-resource URLs are never granted by a RoleBinding.
  CHECK_FALSE(Allowed(authorizer, PathRequest(admin, "get", "/apis")));
}

TEST_CASE("ClusterRoleBindings grant non-resource URLs", "[rbac][authorizer]") {
  StaticRbacObjectSource source;
  source.AddClusterRole(MakeClusterRole("non-resource-url-getter", {MakeRule("get", "", "", "/apis")}));
  source.AddClusterRole(MakeClusterRole("non-resource-url", {MakeRule("*", "", "", "/apis")}));
  source.AddClusterRole(
      MakeClusterRole("non-resource-url-prefix", {MakeRule("get", "", "", "/apis/*")}));
  source.AddClusterRoleBinding(MakeClusterRoleBinding(
      "non-resource-url-getter", "non-resource-url-getter", {"User:foo", "Group:bar"}));
  source.AddClusterRoleBinding(MakeClusterRoleBinding("non-resource-url", "non-resource-url",
                                                      {"User:admin", "Group:admin"}));
  source.AddClusterRoleBinding(MakeClusterRoleBinding(
      "non-resource-url-prefix", "non-resource-url-prefix", {"User:prefixed", "Group:prefixed"}));
  RbacAuthorizer authorizer(source);

  const auth::UserInfo foo = MakeUser("foo");
  const auth::UserInfo bar = MakeUser("", "bar");
  const auth::UserInfo admin = MakeUser("admin");
  const auth::UserInfo admin_group = MakeUser("", "admin");
  const auth::UserInfo prefixed = MakeUser("prefixed");
  const auth::UserInfo prefixed_group = MakeUser("", "prefixed");

  for (const auth::UserInfo* user : {&foo, &bar, &admin, &admin_group}) {
    CHECK(Allowed(authorizer, PathRequest(*user, "get", "/apis")));
  }
  CHECK(Allowed(authorizer, PathRequest(admin, "watch", "/apis")));
  CHECK(Allowed(authorizer, PathRequest(admin_group, "watch", "/apis")));
  CHECK(Allowed(authorizer, PathRequest(prefixed, "get", "/apis/v1")));
  CHECK(Allowed(authorizer, PathRequest(prefixed_group, "get", "/apis/v1")));
  CHECK(Allowed(authorizer, PathRequest(prefixed, "get", "/apis/v1/foobar")));

  CHECK_FALSE(Allowed(authorizer, PathRequest(foo, "watch", "/apis")));
  CHECK_FALSE(Allowed(authorizer, PathRequest(bar, "watch", "/apis")));
  for (const auth::UserInfo* user : {&foo, &bar, &admin, &admin_group, &prefixed}) {
    CHECK_FALSE(Allowed(authorizer, PathRequest(*user, "get", "/api/v1")));
  }
  CHECK_FALSE(Allowed(authorizer, PathRequest(prefixed, "get", "/apis")));
}

TEST_CASE("Subresources need rules of their own", "[rbac][authorizer]") {
  StaticRbacObjectSource source;
  source.AddClusterRole(MakeClusterRole("pods-only", {MakeRule("*", "*", "pods")}));
  source.AddClusterRole(MakeClusterRole(
      "subresources", {MakeRule("*", "*", "pods/status"), MakeRule("*", "*", "*/scale")}));
  source.AddRoleBinding(MakeRoleBinding("ns1", "a", "ClusterRole", "pods-only", {"User:a"}));
  source.AddRoleBinding(MakeRoleBinding("ns1", "b", "ClusterRole", "subresources", {"User:b"}));
  RbacAuthorizer authorizer(source);

  const auth::UserInfo a = MakeUser("a");
  const auth::UserInfo b = MakeUser("b");
  CHECK(Allowed(authorizer, ResourceRequest(a, "get", "", "pods", "", "ns1")));
  CHECK_FALSE(Allowed(authorizer, ResourceRequest(a, "get", "", "pods", "status", "ns1")));
  CHECK(Allowed(authorizer, ResourceRequest(b, "get", "", "pods", "status", "ns1")));
  CHECK(Allowed(authorizer, ResourceRequest(b, "get", "", "pods", "scale", "ns1")));
  CHECK(Allowed(authorizer, ResourceRequest(b, "get", "", "deployments", "scale", "ns1")));
  CHECK(Allowed(authorizer, ResourceRequest(b, "get", "", "anything", "scale", "ns1")));
  CHECK_FALSE(Allowed(authorizer, ResourceRequest(b, "get", "", "pods", "", "ns1")));
}

TEST_CASE("Allow reasons name the binding, role and subject as upstream", "[rbac][authorizer]") {
  StaticRbacObjectSource source;
  source.AddClusterRole(MakeClusterRole("cluster-admin", {MakeRule("*", "*", "*"),
                                                          MakeRule("*", "", "", "*")}));
  source.AddClusterRole(MakeClusterRole("view", {MakeRule("get,list,watch", "", "pods")}));
  source.AddRole(MakeNamespacedRole("t", "reader", {MakeRule("get", "", "configmaps")}));
  source.AddClusterRoleBinding(
      MakeClusterRoleBinding("cluster-admin", "cluster-admin", {"Group:system:masters"}));
  source.AddRoleBinding(
      MakeRoleBinding("t", "x", "ClusterRole", "view", {"User:someone", "ServiceAccount::bob"}));
  source.AddRoleBinding(
      MakeRoleBinding("t", "y", "Role", "reader", {"ServiceAccount:t:bob"}));
  RbacAuthorizer authorizer(source);

  std::string reason;
  const auth::UserInfo master = MakeUser("root", "system:masters,system:authenticated");
  CHECK(authorizer.Decide(ResourceRequest(master, "delete", "", "nodes", "", "", "n1"),
                             &reason) == Decision::kAllow);
  CHECK(reason ==
        "RBAC: allowed by ClusterRoleBinding \"cluster-admin\" of ClusterRole \"cluster-admin\" "
        "to Group \"system:masters\"");

  const auth::UserInfo bob = MakeUser("system:serviceaccount:t:bob", "system:serviceaccounts");
  CHECK(authorizer.Decide(ResourceRequest(bob, "list", "", "pods", "", "t"), &reason) ==
        Decision::kAllow);
  CHECK(reason ==
        "RBAC: allowed by RoleBinding \"x/t\" of ClusterRole \"view\" to ServiceAccount \"bob/t\"");
  CHECK(authorizer.Decide(ResourceRequest(bob, "get", "", "configmaps", "", "t", "c"),
                             &reason) == Decision::kAllow);
  CHECK(reason ==
        "RBAC: allowed by RoleBinding \"y/t\" of Role \"reader\" to ServiceAccount \"bob/t\"");

  // No rule: no opinion, and nothing to say.
  reason = "stale";
  CHECK(authorizer.Decide(ResourceRequest(bob, "delete", "", "pods", "", "t"), &reason) ==
        Decision::kNoOpinion);
  CHECK(reason.empty());
  // The ServiceAccount subject without namespace means t's bob, not other's.
  const auth::UserInfo other_bob = MakeUser("system:serviceaccount:other:bob");
  CHECK(authorizer.Decide(ResourceRequest(other_bob, "list", "", "pods", "", "t"), &reason) ==
        Decision::kNoOpinion);
}

TEST_CASE("Unresolvable bindings are reported, the rest still counts", "[rbac][authorizer]") {
  StaticRbacObjectSource source;
  source.AddClusterRole(MakeClusterRole("view", {MakeRule("get", "", "pods")}));
  source.AddClusterRoleBinding(MakeClusterRoleBinding("gone", "missing", {"User:alice"}));
  source.AddRoleBinding(MakeRoleBinding("ns1", "gone-role", "Role", "absent", {"User:alice"}));
  source.AddRoleBinding(MakeRoleBinding("ns1", "view", "ClusterRole", "view", {"User:alice"}));
  auto odd = MakeRoleBinding("ns1", "odd", "ClusterRole", "view", {"User:alice"});
  odd.mutable_roleref()->set_kind("Robot");
  source.AddRoleBinding(odd);
  RbacAuthorizer authorizer(source);
  const auth::UserInfo alice = MakeUser("alice");

  std::string reason;
  CHECK(authorizer.Decide(ResourceRequest(alice, "get", "", "pods", "", "ns1"), &reason) ==
        Decision::kAllow);
  CHECK(authorizer.Decide(ResourceRequest(alice, "get", "", "secrets", "", "ns1"), &reason) ==
        Decision::kNoOpinion);
  CHECK(reason ==
        "RBAC: [clusterrole.rbac.authorization.k8s.io \"missing\" not found, "
        "role.rbac.authorization.k8s.io \"absent\" not found, "
        "unsupported role reference kind: \"Robot\"]");
  CHECK(authorizer.Decide(ResourceRequest(alice, "get", "", "secrets", "", ""), &reason) ==
        Decision::kNoOpinion);
  CHECK(reason == "RBAC: clusterrole.rbac.authorization.k8s.io \"missing\" not found");
}

TEST_CASE("Visiting rules stops when asked and RulesFor splits them", "[rbac][authorizer]") {
  StaticRbacObjectSource source;
  source.AddClusterRole(MakeClusterRole(
      "discovery", {MakeRule("get", "", "", "/api,/api/*"), MakeRule("create", "authorization.k8s.io",
                                                                     "selfsubjectaccessreviews")}));
  source.AddClusterRole(MakeClusterRole("view", {MakeRule("get,list", "", "pods", "", "p1")}));
  source.AddClusterRoleBinding(
      MakeClusterRoleBinding("discovery", "discovery", {"Group:system:authenticated"}));
  source.AddRoleBinding(MakeRoleBinding("ns1", "view", "ClusterRole", "view", {"User:alice"}));
  RbacAuthorizer authorizer(source);
  const auth::UserInfo alice = MakeUser("alice", "system:authenticated");

  int visited = 0;
  authorizer.VisitRulesFor(alice, "ns1",
                           [&](const RuleSource* source, const PolicyRule* rule,
                               const absl::Status& error) {
                             ++visited;
                             CHECK(source != nullptr);
                             CHECK(rule != nullptr);
                             CHECK(error.ok());
                             return false;
                           });
  CHECK(visited == 1);

  CHECK(authorizer.PolicyRulesFor(alice, "ns1").size() == 3);
  CHECK(authorizer.PolicyRulesFor(alice, "").size() == 2);  // cluster bindings only

  const SubjectRules rules = authorizer.RulesFor(alice, "ns1");
  REQUIRE(rules.resource_rules.size() == 2);
  CHECK(rules.resource_rules[0].resources(0) == "selfsubjectaccessreviews");
  CHECK(rules.resource_rules[1].resourcenames(0) == "p1");
  REQUIRE(rules.non_resource_rules.size() == 1);
  CHECK(rules.non_resource_rules[0].nonresourceurls_size() == 2);
  CHECK(rules.evaluation_error.empty());
}

TEST_CASE("AggregateErrors formats as utilerrors", "[rbac][authorizer]") {
  CHECK(AggregateErrors({}).empty());
  CHECK(AggregateErrors({"a"}) == "a");
  CHECK(AggregateErrors({"a", "a"}) == "a");
  CHECK(AggregateErrors({"a", "b", "a"}) == "[a, b]");
}

}  // namespace
}  // namespace kube::apiserver::rbac
