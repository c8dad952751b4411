#include "apiserver/authorization/rbac/aggregation.h"

#include <catch2/catch.hpp>

#include "apiserver/authorization/rbac/bootstrap_policy.h"
#include "apiserver/authorization/rbac/covers.h"
#include "apiserver/authorization/rbac/rbac_authorizer.h"
#include "apiserver/authorization/rbac/rbac_test_util.h"
#include "apiserver/authorization/rbac/static_object_source.h"

namespace kube::apiserver::rbac {
namespace {

using k8s::rbac::v1::ClusterRole;
using testing::MakeClusterRole;
using testing::MakeRule;
using testing::MakeUser;
using testing::ResourceRequest;

ClusterRole Labelled(ClusterRole role, const std::string& key) {
  (*role.mutable_metadata()->mutable_labels())[key] = "true";
  return role;
}

ClusterRole Aggregating(const std::string& name, const std::string& key) {
  ClusterRole role = MakeClusterRole(name, {});
  (*role.mutable_aggregationrule()->add_clusterroleselectors()->mutable_matchlabels())[key] = "true";
  return role;
}

TEST_CASE("AggregatedRules unions selected roles by name, without repeats", "[rbac][aggregation]") {
  ClusterRolePtrs all = {
      std::make_shared<ClusterRole>(
          Labelled(MakeClusterRole("b", {MakeRule("get", "", "pods"), MakeRule("get", "", "secrets")}),
                   "x")),
      std::make_shared<ClusterRole>(
          Labelled(MakeClusterRole("a", {MakeRule("get", "", "secrets"), MakeRule("list", "", "pods")}),
                   "x")),
      std::make_shared<ClusterRole>(MakeClusterRole("c", {MakeRule("delete", "", "pods")})),
  };
  ClusterRole target = Aggregating("target", "x");
  // The target matching its own selector does not aggregate itself.
  (*target.mutable_metadata()->mutable_labels())["x"] = "true";
  *target.add_rules() = MakeRule("*", "*", "*");
  all.push_back(std::make_shared<ClusterRole>(target));

  auto rules = AggregatedRules(target, all);
  REQUIRE(rules.ok());
  REQUIRE(rules->size() == 3);
  CHECK(CompactString((*rules)[0]) == "{APIGroups:[\"\"], Resources:[\"secrets\"], Verbs:[\"get\"]}");
  CHECK(CompactString((*rules)[1]) == "{APIGroups:[\"\"], Resources:[\"pods\"], Verbs:[\"list\"]}");
  CHECK(CompactString((*rules)[2]) == "{APIGroups:[\"\"], Resources:[\"pods\"], Verbs:[\"get\"]}");
  CHECK_FALSE(RulesEqual(target.rules(), *rules));
  target.mutable_rules()->Assign(rules->begin(), rules->end());
  CHECK(RulesEqual(target.rules(), *rules));

  // Selectors are visited in order; matchExpressions work too.
  ClusterRole two = Aggregating("two", "none");
  auto* expression = two.mutable_aggregationrule()->add_clusterroleselectors()->add_matchexpressions();
  expression->set_key("x");
  expression->set_operator_("Exists");
  auto two_rules = AggregatedRules(two, all);
  REQUIRE(two_rules.ok());
  CHECK(two_rules->size() == 4);  // a, b and the target itself this time

  ClusterRole bad = Aggregating("bad", "x");
  bad.mutable_aggregationrule()->mutable_clusterroleselectors(0)->add_matchexpressions()->set_operator_(
      "Near");
  CHECK_FALSE(AggregatedRules(bad, all).ok());
}

TEST_CASE("The bootstrap admin, edit and view aggregate as upstream's", "[rbac][aggregation]") {
  auto aggregated = AggregateAll(AllClusterRoles());
  REQUIRE(aggregated.ok());

  StaticRbacObjectSource source;
  for (const ClusterRole& role : *aggregated) source.AddClusterRole(role);
  source.AddRoleBinding(testing::MakeRoleBinding("ns1", "v", "ClusterRole", "view", {"User:viewer"}));
  source.AddRoleBinding(testing::MakeRoleBinding("ns1", "e", "ClusterRole", "edit", {"User:editor"}));
  source.AddRoleBinding(testing::MakeRoleBinding("ns1", "a", "ClusterRole", "admin", {"User:admin"}));
  RbacAuthorizer authorizer(source);
  const auth::UserInfo viewer = MakeUser("viewer");
  const auth::UserInfo editor = MakeUser("editor");
  const auth::UserInfo admin = MakeUser("admin");
  const auto allowed = [&](const auth::Attributes& attributes) {
    std::string reason;
    return authorizer.Decide(attributes, &reason) == auth::Decision::kAllow;
  };

  // view reads non-escalating objects only.
  CHECK(allowed(ResourceRequest(viewer, "get", "", "pods", "", "ns1", "p")));
  CHECK(allowed(ResourceRequest(viewer, "list", "apps", "deployments", "", "ns1")));
  CHECK(allowed(ResourceRequest(viewer, "get", "", "pods", "log", "ns1", "p")));
  CHECK_FALSE(allowed(ResourceRequest(viewer, "get", "", "secrets", "", "ns1", "s")));
  CHECK_FALSE(allowed(ResourceRequest(viewer, "create", "", "pods", "exec", "ns1", "p")));
  CHECK_FALSE(allowed(ResourceRequest(viewer, "delete", "", "pods", "", "ns1", "p")));
  CHECK_FALSE(allowed(ResourceRequest(viewer, "get", "", "pods", "", "ns2", "p")));

  // edit adds writes, secrets and pods/exec, but not RBAC.
  CHECK(allowed(ResourceRequest(editor, "create", "", "secrets", "", "ns1")));
  CHECK(allowed(ResourceRequest(editor, "create", "", "pods", "exec", "ns1", "p")));
  CHECK(allowed(ResourceRequest(editor, "get", "", "pods", "", "ns1", "p")));  // from view
  CHECK(allowed(ResourceRequest(editor, "create", "", "serviceaccounts", "token", "ns1", "sa")));
  CHECK(allowed(ResourceRequest(editor, "impersonate", "", "serviceaccounts", "", "ns1", "sa")));
  CHECK(allowed(ResourceRequest(editor, "patch", "apps", "deployments", "scale", "ns1", "d")));
  CHECK_FALSE(allowed(ResourceRequest(editor, "create", "rbac.authorization.k8s.io",
                                      "rolebindings", "", "ns1")));
  CHECK_FALSE(allowed(ResourceRequest(editor, "update", "", "resourcequotas", "", "ns1", "q")));

  // admin adds roles and bindings and local access reviews.
  CHECK(allowed(ResourceRequest(admin, "create", "rbac.authorization.k8s.io", "rolebindings", "",
                                "ns1")));
  CHECK(allowed(ResourceRequest(admin, "create", "authorization.k8s.io",
                                "localsubjectaccessreviews", "", "ns1")));
  CHECK(allowed(ResourceRequest(admin, "create", "", "secrets", "", "ns1")));      // from edit
  CHECK(allowed(ResourceRequest(admin, "watch", "batch", "cronjobs", "", "ns1")));  // from view
  CHECK_FALSE(allowed(ResourceRequest(admin, "create", "rbac.authorization.k8s.io",
                                      "clusterroles", "", "")));

  // Each role covers the one below it, so edit holders may grant view.
  const auto rules_of = [&](const std::string& name) {
    for (const ClusterRole& role : *aggregated) {
      if (role.metadata().name() == name) return Rules(role.rules().begin(), role.rules().end());
    }
    FAIL(name);
    return Rules();
  };
  CHECK(Covers(rules_of("admin"), rules_of("edit")));
  CHECK(Covers(rules_of("edit"), rules_of("view")));
  CHECK_FALSE(Covers(rules_of("view"), rules_of("edit")));
}

}  // namespace
}  // namespace kube::apiserver::rbac
