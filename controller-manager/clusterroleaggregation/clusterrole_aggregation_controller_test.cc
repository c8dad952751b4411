// The clusterrole-aggregation loop against the in-memory FakeTransport, on the
// bootstrap policy's admin/edit/view: they converge to what AggregateAll says,
// follow labelled roles as they appear, change and go, and are not rewritten
// when they already hold the right rules.

#include "controller-manager/clusterroleaggregation/clusterrole_aggregation_controller.h"

#include <map>

#include <catch2/catch.hpp>
#include <google/protobuf/util/message_differencer.h>

#include "apiserver/authorization/rbac/aggregation.h"
#include "apiserver/authorization/rbac/bootstrap_policy.h"
#include "controller-manager/controller/testing/loop_harness.h"

namespace kube::kcm::clusterroleaggregation {
namespace {

using k8s::rbac::v1::ClusterRole;
using k8s::rbac::v1::PolicyRule;
using testing::LoopHarness;

constexpr char kAggregateToView[] = "rbac.authorization.k8s.io/aggregate-to-view";

PolicyRule Rule(const std::string& verb, const std::string& group, const std::string& resource) {
  PolicyRule rule;
  rule.add_verbs(verb);
  rule.add_apigroups(group);
  rule.add_resources(resource);
  return rule;
}

ClusterRole Labelled(const std::string& name, const std::string& label,
                     std::vector<PolicyRule> rules) {
  ClusterRole role;
  role.mutable_metadata()->set_name(name);
  (*role.mutable_metadata()->mutable_labels())[label] = "true";
  for (PolicyRule& rule : rules) *role.add_rules() = std::move(rule);
  return role;
}

std::vector<PolicyRule> RulesOf(const ClusterRole& role) {
  return std::vector<PolicyRule>(role.rules().begin(), role.rules().end());
}

bool Holds(const ClusterRole& role, const PolicyRule& rule) {
  for (const PolicyRule& held : role.rules()) {
    if (google::protobuf::util::MessageDifferencer::Equals(held, rule)) return true;
  }
  return false;
}

// Whether `role` grants `verb` on core `resource` through some rule.
bool Allows(const ClusterRole& role, const std::string& verb, const std::string& resource) {
  auto has = [](const auto& list, const std::string& value) {
    for (const std::string& item : list) {
      if (item == value || item == "*") return true;
    }
    return false;
  };
  for (const PolicyRule& rule : role.rules()) {
    if (has(rule.verbs(), verb) && has(rule.apigroups(), "") && has(rule.resources(), resource)) {
      return true;
    }
  }
  return false;
}

class AggregationHarness {
 public:
  explicit AggregationHarness(const std::vector<ClusterRole>& roles) {
    for (const ClusterRole& role : roles) REQUIRE(harness_.client().Create(role).ok());
    harness_.Run(std::make_unique<ClusterRoleAggregationController>(harness_.context()));
  }

  std::unique_ptr<ClusterRole> Get(const std::string& name) {
    auto role = harness_.client().Get<ClusterRole>("", name);
    REQUIRE(role.ok());
    return std::move(*role);
  }

  // Waits until every aggregated role in the store holds what repeated syncs of
  // the store's roles converge to.
  bool WaitForConvergence() {
    return LoopHarness::Eventually([this] {
      auto list = harness_.client().List<ClusterRole>("");
      REQUIRE(list.ok());
      std::vector<ClusterRole> roles;
      for (const auto& role : list->items) roles.push_back(*role);
      auto expected = apiserver::rbac::AggregateAll(roles);
      REQUIRE(expected.ok());
      for (const ClusterRole& want : *expected) {
        if (!want.has_aggregationrule()) continue;
        std::unique_ptr<ClusterRole> have = Get(want.metadata().name());
        if (!apiserver::rbac::RulesEqual(have->rules(), RulesOf(want))) return false;
      }
      return true;
    });
  }

  bool WaitFor(const std::string& name, const std::function<bool(const ClusterRole&)>& done) {
    return LoopHarness::Eventually([&] { return done(*Get(name)); });
  }

  const client::Client& client() const { return harness_.client(); }

 // Waits until the loop has nothing left to do (see LoopHarness::WaitUntilIdle).
  bool WaitUntilIdle() { return harness_.WaitUntilIdle(); }

 private:
  LoopHarness harness_;
};

}  // namespace

TEST_CASE("clusterrole-aggregation: the bootstrap admin, edit and view fill in",
          "[clusterrole-aggregation]") {
  std::vector<ClusterRole> bootstrap = apiserver::rbac::ClusterRoles();
  AggregationHarness harness(bootstrap);
  REQUIRE(harness.WaitForConvergence());

  std::unique_ptr<ClusterRole> view = harness.Get("view");
  for (const char* verb : {"get", "list", "watch"}) CHECK(Allows(*view, verb, "pods"));
  CHECK_FALSE(Allows(*view, "get", "secrets"));
  CHECK_FALSE(Allows(*view, "create", "pods"));
  std::unique_ptr<ClusterRole> edit = harness.Get("edit");
  CHECK(Allows(*edit, "create", "pods"));
  CHECK(Allows(*edit, "get", "secrets"));
  CHECK(Allows(*edit, "list", "pods"));  // view's rules, through aggregate-to-edit
  std::unique_ptr<ClusterRole> admin = harness.Get("admin");
  CHECK(Allows(*admin, "delete", "pods"));
  for (const PolicyRule& rule : edit->rules()) CHECK(Holds(*admin, rule));
  // What the roles aggregate from is left alone.
  std::unique_ptr<ClusterRole> source = harness.Get("system:aggregate-to-view");
  for (const ClusterRole& role : bootstrap) {
    if (role.metadata().name() != "system:aggregate-to-view") continue;
    CHECK(apiserver::rbac::RulesEqual(source->rules(), RulesOf(role)));
  }
}

TEST_CASE("clusterrole-aggregation: follows a labelled role as it appears, changes and goes",
          "[clusterrole-aggregation]") {
  AggregationHarness harness(apiserver::rbac::ClusterRoles());
  REQUIRE(harness.WaitForConvergence());
  const PolicyRule widgets = Rule("get", "example.com", "widgets");
  const PolicyRule gadgets = Rule("list", "example.com", "gadgets");

  // Appears: view, and through it edit and admin, gain the rule.
  auto created = harness.client().Create(Labelled("widget-viewer", kAggregateToView, {widgets}));
  REQUIRE(created.ok());
  for (const char* name : {"view", "edit", "admin"}) {
    INFO(name);
    CHECK(harness.WaitFor(name, [&](const ClusterRole& role) { return Holds(role, widgets); }));
  }

  // Its rules change: the old rule goes, the new one comes.
  ClusterRole changed = **created;
  changed.mutable_rules()->Clear();
  *changed.add_rules() = gadgets;
  auto updated = harness.client().Update(changed);
  REQUIRE(updated.ok());
  for (const char* name : {"view", "admin"}) {
    INFO(name);
    CHECK(harness.WaitFor(name, [&](const ClusterRole& role) {
      return Holds(role, gadgets) && !Holds(role, widgets);
    }));
  }

  // Its label changes: no longer selected.
  ClusterRole unlabelled = **updated;
  (*unlabelled.mutable_metadata()->mutable_labels())[kAggregateToView] = "false";
  auto relabelled = harness.client().Update(unlabelled);
  REQUIRE(relabelled.ok());
  CHECK(harness.WaitFor("view", [&](const ClusterRole& role) { return !Holds(role, gadgets); }));
  REQUIRE(harness.WaitForConvergence());

  // Labelled again, then deleted: gone from all three.
  ClusterRole labelled = **relabelled;
  (*labelled.mutable_metadata()->mutable_labels())[kAggregateToView] = "true";
  REQUIRE(harness.client().Update(labelled).ok());
  CHECK(harness.WaitFor("admin", [&](const ClusterRole& role) { return Holds(role, gadgets); }));
  REQUIRE(harness.client().Delete<ClusterRole>("", "widget-viewer").ok());
  for (const char* name : {"view", "edit", "admin"}) {
    INFO(name);
    CHECK(harness.WaitFor(name, [&](const ClusterRole& role) { return !Holds(role, gadgets); }));
  }
  CHECK(harness.WaitForConvergence());
}

TEST_CASE("clusterrole-aggregation: roles that already hold their rules are not written",
          "[clusterrole-aggregation]") {
  auto aggregated = apiserver::rbac::AggregateAll(apiserver::rbac::ClusterRoles());
  REQUIRE(aggregated.ok());
  AggregationHarness harness(*aggregated);
  std::map<std::string, std::string> versions;
  for (const char* name : {"admin", "edit", "view"}) {
    versions[name] = harness.Get(name)->metadata().resourceversion();
  }

  // A role that does need a write, made after the loop started: its sync comes
  // after the others' first syncs, and it re-queues them all once more.
  ClusterRole sentinel;
  sentinel.mutable_metadata()->set_name("sentinel");
  (*sentinel.mutable_aggregationrule()->add_clusterroleselectors()->mutable_matchlabels())
      ["example.com/sentinel"] = "true";
  REQUIRE(harness.client().Create(sentinel).ok());
  REQUIRE(harness.client()
              .Create(Labelled("sentinel-part", "example.com/sentinel", {Rule("get", "", "pods")}))
              .ok());
  REQUIRE(harness.WaitFor("sentinel", [](const ClusterRole& role) { return role.rules_size() == 1; }));
  REQUIRE(harness.WaitUntilIdle());  // every write the re-queued syncs make is made

  for (const auto& [name, version] : versions) {
    INFO(name);
    CHECK(harness.Get(name)->metadata().resourceversion() == version);
  }
}

TEST_CASE("clusterrole-aggregation: an invalid selector leaves that role alone",
          "[clusterrole-aggregation]") {
  ClusterRole bad;
  bad.mutable_metadata()->set_name("bad");
  auto* expression =
      bad.mutable_aggregationrule()->add_clusterroleselectors()->add_matchexpressions();
  expression->set_key("x");
  expression->set_operator_("Near");
  *bad.add_rules() = Rule("get", "", "nodes");
  AggregationHarness harness({bad, Labelled("part", "x", {Rule("get", "", "pods")})});

  ClusterRole good;
  good.mutable_metadata()->set_name("good");
  (*good.mutable_aggregationrule()->add_clusterroleselectors()->mutable_matchlabels())["x"] = "true";
  REQUIRE(harness.client().Create(good).ok());
  CHECK(harness.WaitFor("good", [](const ClusterRole& role) { return role.rules_size() == 1; }));
  std::unique_ptr<ClusterRole> unchanged = harness.Get("bad");
  REQUIRE(unchanged->rules_size() == 1);
  CHECK(unchanged->rules(0).resources(0) == "nodes");
}

}  // namespace kube::kcm::clusterroleaggregation
