#include "apiserver/authorization/rbac/bootstrap_policy.h"

#include <catch2/catch.hpp>
#include <set>

#include "apiserver/authorization/rbac/covers.h"

namespace kube::apiserver::rbac {
namespace {

using k8s::rbac::v1::ClusterRole;
using k8s::rbac::v1::ClusterRoleBinding;

template <typename T>
void CheckDefaultMetadata(const std::vector<T>& objects) {
  for (const T& object : objects) {
    INFO(object.metadata().name());
    CHECK(object.metadata().labels().at(kBootstrappingLabel) == kBootstrappingLabelValue);
    CHECK(object.metadata().annotations().at(kAutoUpdateAnnotation) == "true");
  }
}

template <typename T>
std::set<std::string> Names(const std::vector<T>& objects) {
  std::set<std::string> names;
  for (const T& object : objects) {
    INFO(object.metadata().name());
    CHECK(names.insert(object.metadata().namespace_() + "/" + object.metadata().name()).second);
  }
  return names;
}

const ClusterRole& Find(const std::vector<ClusterRole>& roles, const std::string& name) {
  for (const ClusterRole& role : roles) {
    if (role.metadata().name() == name) return role;
  }
  FAIL("no role " << name);
  return roles.front();
}

TEST_CASE("Every bootstrap object is labelled and annotated", "[rbac][bootstrap]") {
  CheckDefaultMetadata(AllClusterRoles());
  CheckDefaultMetadata(AllClusterRoleBindings());
  CheckDefaultMetadata(NamespaceRoles());
  CheckDefaultMetadata(NamespaceRoleBindings());
}

TEST_CASE("Bootstrap names are unique and every binding's role exists", "[rbac][bootstrap]") {
  const auto roles = AllClusterRoles();
  const std::set<std::string> role_names = Names(roles);
  const auto bindings = AllClusterRoleBindings();
  Names(bindings);
  for (const ClusterRoleBinding& binding : bindings) {
    INFO(binding.metadata().name());
    CHECK(binding.roleref().apigroup() == "rbac.authorization.k8s.io");
    CHECK(binding.roleref().kind() == "ClusterRole");
    CHECK(role_names.count("/" + binding.roleref().name()) == 1);
  }
  const auto ns_roles = NamespaceRoles();
  const std::set<std::string> ns_role_names = Names(ns_roles);
  for (const auto& binding : NamespaceRoleBindings()) {
    INFO(binding.metadata().name());
    CHECK(binding.roleref().kind() == "Role");
    CHECK(ns_role_names.count(binding.metadata().namespace_() + "/" + binding.roleref().name()) ==
          1);
  }
  CHECK(ns_role_names.count("kube-public/system:controller:bootstrap-signer") == 1);
  CHECK(ns_role_names.count("kube-system/extension-apiserver-authentication-reader") == 1);
}

TEST_CASE("The well-known roles hold upstream's rules", "[rbac][bootstrap]") {
  const auto roles = ClusterRoles();
  CHECK(roles.size() == 31);
  const ClusterRole& admin = Find(roles, "cluster-admin");
  REQUIRE(admin.rules_size() == 2);
  CHECK(CompactString(admin.rules(0)) ==
        "{APIGroups:[\"*\"], Resources:[\"*\"], Verbs:[\"*\"]}");
  CHECK(CompactString(admin.rules(1)) == "{NonResourceURLs:[\"*\"], Verbs:[\"*\"]}");

  // Lists come out sorted, as upstream's rule builder sorts them.
  CHECK(CompactString(Find(roles, "system:discovery").rules(0)) ==
        "{NonResourceURLs:[\"/api\" \"/api/*\" \"/apis\" \"/apis/*\" \"/healthz\" \"/livez\" "
        "\"/openapi\" \"/openapi/*\" \"/readyz\" \"/version\" \"/version/\"], Verbs:[\"get\"]}");
  CHECK(CompactString(Find(roles, "system:basic-user").rules(1)) ==
        "{APIGroups:[\"authentication.k8s.io\"], Resources:[\"selfsubjectreviews\"], "
        "Verbs:[\"create\"]}");
  CHECK(CompactString(Find(roles, "system:aggregate-to-admin").rules(1)) ==
        "{APIGroups:[\"rbac.authorization.k8s.io\"], Resources:[\"rolebindings\" \"roles\"], "
        "Verbs:[\"create\" \"delete\" \"deletecollection\" \"get\" \"list\" \"patch\" \"update\" "
        "\"watch\"]}");
  CHECK(CompactString(Find(roles, "system:kube-scheduler").rules(2)) ==
        "{APIGroups:[\"coordination.k8s.io\"], Resources:[\"leases\"], "
        "ResourceNames:[\"kube-scheduler\"], Verbs:[\"get\" \"update\"]}");
  CHECK(CompactString(Find(roles, "system:kube-scheduler").rules(0)) ==
        "{APIGroups:[\"\" \"events.k8s.io\"], Resources:[\"events\"], "
        "Verbs:[\"create\" \"patch\" \"update\"]}");

  // The aggregated roles start empty, selecting by label; edit and view feed admin and edit.
  const ClusterRole& edit = Find(roles, "edit");
  CHECK(edit.rules().empty());
  CHECK(edit.aggregationrule().clusterroleselectors(0).matchlabels().at(
            "rbac.authorization.k8s.io/aggregate-to-edit") == "true");
  CHECK(edit.metadata().labels().at("rbac.authorization.k8s.io/aggregate-to-admin") == "true");
  CHECK(Find(roles, "view").metadata().labels().at("rbac.authorization.k8s.io/aggregate-to-edit") ==
        "true");
}

TEST_CASE("The default bindings match upstream's table", "[rbac][bootstrap]") {
  const auto bindings = ClusterRoleBindings();
  std::map<std::string, std::vector<std::string>> subjects;
  for (const ClusterRoleBinding& binding : bindings) {
    auto& list = subjects[binding.metadata().name()];
    for (const auto& subject : binding.subjects()) {
      list.push_back(subject.kind() + ":" + (subject.namespace_().empty() ? "" : subject.namespace_() + "/") +
                     subject.name());
    }
  }
  using V = std::vector<std::string>;
  CHECK(subjects.at("cluster-admin") == V{"Group:system:masters"});
  CHECK(subjects.at("system:monitoring") == V{"Group:system:monitoring"});
  CHECK(subjects.at("system:discovery") == V{"Group:system:authenticated"});
  CHECK(subjects.at("system:basic-user") == V{"Group:system:authenticated"});
  CHECK(subjects.at("system:public-info-viewer") ==
        V{"Group:system:authenticated", "Group:system:unauthenticated"});
  CHECK(subjects.at("system:kube-controller-manager") == V{"User:system:kube-controller-manager"});
  CHECK(subjects.at("system:kube-scheduler") == V{"User:system:kube-scheduler"});
  CHECK(subjects.at("system:volume-scheduler") == V{"User:system:kube-scheduler"});
  CHECK(subjects.at("system:node-proxier") == V{"User:system:kube-proxy"});
  CHECK(subjects.at("system:kube-dns") == V{"ServiceAccount:kube-system/kube-dns"});
  CHECK(subjects.at("system:node").empty());
  CHECK(subjects.at("system:service-account-issuer-discovery") ==
        V{"Group:system:serviceaccounts"});
  CHECK(subjects.size() == 12);
}

TEST_CASE("Each controller role is bound to its loop's service account", "[rbac][bootstrap]") {
  const auto roles = ControllerRoles();
  const auto bindings = ControllerRoleBindings();
  REQUIRE(roles.size() == bindings.size());
  CHECK(roles.size() == 33);
  for (size_t i = 0; i < roles.size(); ++i) {
    const std::string& name = roles[i].metadata().name();
    INFO(name);
    REQUIRE(name.rfind(kControllerRolePrefix, 0) == 0);
    CHECK(bindings[i].metadata().name() == name);
    CHECK(bindings[i].roleref().name() == name);
    REQUIRE(bindings[i].subjects_size() == 1);
    CHECK(bindings[i].subjects(0).kind() == "ServiceAccount");
    CHECK(bindings[i].subjects(0).apigroup().empty());
    CHECK(bindings[i].subjects(0).namespace_() == "kube-system");
    CHECK(bindings[i].subjects(0).name() == name.substr(std::string(kControllerRolePrefix).size()));
  }
  const ClusterRole& aggregator = Find(roles, "system:controller:clusterrole-aggregation-controller");
  CHECK(CompactString(aggregator.rules(0)) ==
        "{APIGroups:[\"rbac.authorization.k8s.io\"], Resources:[\"clusterroles\"], "
        "Verbs:[\"escalate\" \"get\" \"list\" \"patch\" \"update\" \"watch\"]}");
  CHECK(CompactString(Find(roles, "system:controller:replicaset-controller").rules(3)) ==
        "{APIGroups:[\"\"], Resources:[\"pods\"], "
        "Verbs:[\"create\" \"delete\" \"list\" \"patch\" \"watch\"]}");
  // The only upstream bootstrap role that names admissionregistration.k8s.io;
  // flowcontrol and apiregistration resources are reached through wildcards only.
  const ClusterRole& policy_status =
      Find(roles, "system:controller:validatingadmissionpolicy-status-controller");
  CHECK(CompactString(policy_status.rules(0)) ==
        "{APIGroups:[\"admissionregistration.k8s.io\"], "
        "Resources:[\"validatingadmissionpolicies\"], Verbs:[\"get\" \"list\" \"watch\"]}");
  CHECK(CompactString(policy_status.rules(1)) ==
        "{APIGroups:[\"admissionregistration.k8s.io\"], "
        "Resources:[\"validatingadmissionpolicies/status\"], "
        "Verbs:[\"get\" \"patch\" \"update\"]}");
}

TEST_CASE("ClusterRolesToAggregate names the split roles", "[rbac][bootstrap]") {
  const auto map = ClusterRolesToAggregate();
  CHECK(map.at("admin") == "system:aggregate-to-admin");
  CHECK(map.at("edit") == "system:aggregate-to-edit");
  CHECK(map.at("view") == "system:aggregate-to-view");
}

}  // namespace
}  // namespace kube::apiserver::rbac
