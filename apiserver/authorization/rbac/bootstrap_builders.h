#pragma once

// Builders for the bootstrap policy, after upstream's rbacv1helpers: every list
// of a rule comes out sorted and without repeats (as NewRule(...).RuleOrDie()
// makes it), so rules compare and print exactly as upstream's.

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "k8s/rbac/v1/rbac.pb.h"

namespace kube::apiserver::rbac::bootstrap {

using List = std::vector<std::string_view>;

// The verb sets of policy.go.
inline const List kRead = {"get", "list", "watch"};
inline const List kReadWrite = {"get", "list", "watch", "create", "update", "patch", "delete",
                                "deletecollection"};
inline const List kWrite = {"create", "update", "patch", "delete", "deletecollection"};
inline const List kReadUpdate = {"get", "list", "watch", "update", "patch"};

// The API groups policy.go names.
inline constexpr std::string_view kLegacyGroup = "";
inline constexpr std::string_view kAppsGroup = "apps";
inline constexpr std::string_view kAuthenticationGroup = "authentication.k8s.io";
inline constexpr std::string_view kAuthorizationGroup = "authorization.k8s.io";
inline constexpr std::string_view kAutoscalingGroup = "autoscaling";
inline constexpr std::string_view kBatchGroup = "batch";
inline constexpr std::string_view kCertificatesGroup = "certificates.k8s.io";
inline constexpr std::string_view kCoordinationGroup = "coordination.k8s.io";
inline constexpr std::string_view kDiscoveryGroup = "discovery.k8s.io";
inline constexpr std::string_view kExtensionsGroup = "extensions";
inline constexpr std::string_view kPolicyGroup = "policy";
inline constexpr std::string_view kRbacGroup = "rbac.authorization.k8s.io";
inline constexpr std::string_view kStorageGroup = "storage.k8s.io";
inline constexpr std::string_view kNetworkingGroup = "networking.k8s.io";
inline constexpr std::string_view kEventsGroup = "events.k8s.io";
inline constexpr std::string_view kAdmissionRegistrationGroup = "admissionregistration.k8s.io";

// A resource rule: verbs on resources of groups, optionally only named objects.
k8s::rbac::v1::PolicyRule Rule(const List& verbs, const List& groups, const List& resources,
                               const List& names = {});
// A non-resource rule: verbs on URL paths.
k8s::rbac::v1::PolicyRule UrlRule(const List& verbs, const List& urls);
// create/update/patch events in the core and events.k8s.io groups (eventsRule()).
k8s::rbac::v1::PolicyRule EventsRule();

using Labels = std::vector<std::pair<std::string, std::string>>;

// A ClusterRole with the bootstrap label and annotation added to `labels`.
k8s::rbac::v1::ClusterRole MakeClusterRole(std::string name,
                                           std::vector<k8s::rbac::v1::PolicyRule> rules,
                                           const Labels& labels = {});
// An aggregated ClusterRole selecting roles labelled `select_label`="true".
k8s::rbac::v1::ClusterRole MakeAggregatedClusterRole(std::string name,
                                                     std::string_view select_label,
                                                     const Labels& labels = {});
k8s::rbac::v1::Role MakeRole(std::string ns, std::string name,
                             std::vector<k8s::rbac::v1::PolicyRule> rules);

k8s::rbac::v1::Subject User(std::string_view name);
k8s::rbac::v1::Subject Group(std::string_view name);
k8s::rbac::v1::Subject ServiceAccount(std::string_view ns, std::string_view name);

// A ClusterRoleBinding named after the ClusterRole it grants.
k8s::rbac::v1::ClusterRoleBinding MakeClusterRoleBinding(
    std::string role, std::vector<k8s::rbac::v1::Subject> subjects);
// A RoleBinding in `ns` named after the Role it grants.
k8s::rbac::v1::RoleBinding MakeRoleBinding(std::string ns, std::string role,
                                           std::vector<k8s::rbac::v1::Subject> subjects);

}  // namespace kube::apiserver::rbac::bootstrap
