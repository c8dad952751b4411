#include "apiserver/authorization/rbac/rule_matching.h"

#include <catch2/catch.hpp>

#include "apiserver/authorization/rbac/rbac_test_util.h"

namespace kube::apiserver::rbac {
namespace {

using testing::MakeRule;
using testing::MakeSubject;
using testing::MakeUser;
using testing::PathRequest;
using testing::ResourceRequest;

TEST_CASE("RuleAllows matches verbs, groups and resources", "[rbac][matching]") {
  const auth::UserInfo user = MakeUser("alice");
  const PolicyRule pods = MakeRule("get,list", "", "pods");
  CHECK(RuleAllows(ResourceRequest(user, "get", "", "pods", "", "ns1"), pods));
  CHECK(RuleAllows(ResourceRequest(user, "list", "", "pods", "", ""), pods));
  CHECK_FALSE(RuleAllows(ResourceRequest(user, "delete", "", "pods", "", "ns1"), pods));
  CHECK_FALSE(RuleAllows(ResourceRequest(user, "get", "apps", "pods", "", "ns1"), pods));
  CHECK_FALSE(RuleAllows(ResourceRequest(user, "get", "", "secrets", "", "ns1"), pods));
  // Verbs and resources compare exactly: no case folding.
  CHECK_FALSE(RuleAllows(ResourceRequest(user, "GET", "", "pods", "", "ns1"), pods));
  // A rule for pods does not reach their subresources.
  CHECK_FALSE(RuleAllows(ResourceRequest(user, "get", "", "pods", "log", "ns1"), pods));

  const PolicyRule all = MakeRule("*", "*", "*");
  CHECK(RuleAllows(ResourceRequest(user, "escalate", "rbac.authorization.k8s.io", "roles", "",
                                   "ns1"),
                   all));
  CHECK(RuleAllows(ResourceRequest(user, "get", "", "pods", "exec", "ns1"), all));
  // A resource rule never allows a path.
  CHECK_FALSE(RuleAllows(PathRequest(user, "get", "/healthz"), all));
}

TEST_CASE("RuleAllows resolves subresources", "[rbac][matching]") {
  const auth::UserInfo user = MakeUser("alice");
  const PolicyRule log = MakeRule("get", "", "pods/log");
  CHECK(RuleAllows(ResourceRequest(user, "get", "", "pods", "log", "ns1"), log));
  CHECK_FALSE(RuleAllows(ResourceRequest(user, "get", "", "pods", "", "ns1"), log));
  CHECK_FALSE(RuleAllows(ResourceRequest(user, "get", "", "pods", "exec", "ns1"), log));

  const PolicyRule scale = MakeRule("get,update", "*", "*/scale");
  CHECK(RuleAllows(ResourceRequest(user, "update", "apps", "deployments", "scale", "ns1"), scale));
  CHECK(RuleAllows(ResourceRequest(user, "get", "", "anything", "scale", "ns1"), scale));
  CHECK_FALSE(RuleAllows(ResourceRequest(user, "get", "apps", "deployments", "", "ns1"), scale));
  CHECK_FALSE(
      RuleAllows(ResourceRequest(user, "get", "apps", "deployments", "status", "ns1"), scale));
  // "*/scale" must be the whole rule resource, not a suffix of a longer one.
  const PolicyRule odd = MakeRule("get", "*", "x*/scale");
  CHECK_FALSE(RuleAllows(ResourceRequest(user, "get", "", "pods", "scale", "ns1"), odd));

  // pods/* is not a wildcard: only "*" and "*/<sub>" are.
  const PolicyRule pods_star = MakeRule("get", "", "pods/*");
  CHECK_FALSE(RuleAllows(ResourceRequest(user, "get", "", "pods", "log", "ns1"), pods_star));
}

TEST_CASE("RuleAllows restricts by resource name only when names are listed",
          "[rbac][matching]") {
  const auth::UserInfo user = MakeUser("alice");
  const PolicyRule named = MakeRule("get,list,create", "", "configmaps", "", "a,b");
  CHECK(RuleAllows(ResourceRequest(user, "get", "", "configmaps", "", "ns1", "a"), named));
  CHECK(RuleAllows(ResourceRequest(user, "get", "", "configmaps", "", "ns1", "b"), named));
  CHECK_FALSE(RuleAllows(ResourceRequest(user, "get", "", "configmaps", "", "ns1", "c"), named));
  // Requests without a name (list, create) never match a rule with names.
  CHECK_FALSE(RuleAllows(ResourceRequest(user, "list", "", "configmaps", "", "ns1"), named));
  CHECK_FALSE(RuleAllows(ResourceRequest(user, "create", "", "configmaps", "", "ns1"), named));

  const PolicyRule any = MakeRule("get", "", "configmaps");
  CHECK(RuleAllows(ResourceRequest(user, "get", "", "configmaps", "", "ns1", "c"), any));
}

TEST_CASE("RuleAllows matches non-resource URLs", "[rbac][matching]") {
  const auth::UserInfo user = MakeUser("alice");
  const PolicyRule exact = MakeRule("get", "", "", "/apis");
  CHECK(RuleAllows(PathRequest(user, "get", "/apis"), exact));
  CHECK_FALSE(RuleAllows(PathRequest(user, "get", "/apis/v1"), exact));
  CHECK_FALSE(RuleAllows(PathRequest(user, "post", "/apis"), exact));

  const PolicyRule prefix = MakeRule("get", "", "", "/apis/*");
  CHECK(RuleAllows(PathRequest(user, "get", "/apis/v1"), prefix));
  CHECK(RuleAllows(PathRequest(user, "get", "/apis/"), prefix));
  CHECK_FALSE(RuleAllows(PathRequest(user, "get", "/apis"), prefix));
  CHECK_FALSE(RuleAllows(PathRequest(user, "get", "/api/v1"), prefix));

  const PolicyRule everything = MakeRule("*", "", "", "*");
  CHECK(RuleAllows(PathRequest(user, "delete", "/anything/at/all"), everything));
  // A non-resource rule never allows a resource request.
  CHECK_FALSE(RuleAllows(ResourceRequest(user, "get", "", "pods", "", "ns1"), everything));
}

TEST_CASE("Subjects apply by user, group and service account", "[rbac][matching]") {
  const auth::UserInfo alice = MakeUser("alice", "devs,system:authenticated");
  CHECK(SubjectAppliesTo(alice, MakeSubject("User:alice"), ""));
  CHECK_FALSE(SubjectAppliesTo(alice, MakeSubject("User:bob"), ""));
  CHECK(SubjectAppliesTo(alice, MakeSubject("Group:devs"), ""));
  CHECK_FALSE(SubjectAppliesTo(alice, MakeSubject("Group:ops"), ""));
  Subject unknown = MakeSubject("User:alice");
  unknown.set_kind("Robot");
  CHECK_FALSE(SubjectAppliesTo(alice, unknown, "ns1"));

  const auth::UserInfo sa = MakeUser("system:serviceaccount:t:bob");
  CHECK(SubjectAppliesTo(sa, MakeSubject("ServiceAccount:t:bob"), ""));
  CHECK_FALSE(SubjectAppliesTo(sa, MakeSubject("ServiceAccount:u:bob"), ""));
  CHECK_FALSE(SubjectAppliesTo(sa, MakeSubject("ServiceAccount:t:bo"), ""));
  // Without a namespace the subject takes the binding's; cluster bindings have none.
  CHECK(SubjectAppliesTo(sa, MakeSubject("ServiceAccount::bob"), "t"));
  CHECK_FALSE(SubjectAppliesTo(sa, MakeSubject("ServiceAccount::bob"), "u"));
  CHECK_FALSE(SubjectAppliesTo(sa, MakeSubject("ServiceAccount::bob"), ""));

  CHECK(ServiceAccountUsernameMatches("t", "bob", "system:serviceaccount:t:bob"));
  CHECK_FALSE(ServiceAccountUsernameMatches("t", "bob", "system:serviceaccount:tt:bob"));
  CHECK_FALSE(ServiceAccountUsernameMatches("t", "bob", "serviceaccount:t:bob"));

  Subjects subjects;
  *subjects.Add() = MakeSubject("User:bob");
  *subjects.Add() = MakeSubject("Group:devs");
  *subjects.Add() = MakeSubject("User:alice");
  CHECK(FirstApplyingSubject(alice, subjects, "") == 1);
  CHECK(FirstApplyingSubject(MakeUser("carol"), subjects, "") == -1);
}

}  // namespace
}  // namespace kube::apiserver::rbac
