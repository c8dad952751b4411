#pragma once

// Upstream's rule and subject matching (plugin/pkg/auth/authorizer/rbac/rbac.go,
// pkg/apis/rbac/v1/evaluation_helpers.go, pkg/registry/rbac/validation/rule.go):
// whether one PolicyRule allows a request, and whether a binding's subject names
// a user. Pure functions; safe from any thread.

#include <string_view>

#include <google/protobuf/repeated_ptr_field.h>

#include "common/auth/authorizer.h"
#include "common/auth/user_info.h"
#include "k8s/rbac/v1/rbac.pb.h"

namespace kube::apiserver::rbac {

using k8s::rbac::v1::PolicyRule;
using k8s::rbac::v1::Subject;
using Subjects = google::protobuf::RepeatedPtrField<Subject>;
using PolicyRules = google::protobuf::RepeatedPtrField<PolicyRule>;

inline constexpr char kGroupName[] = "rbac.authorization.k8s.io";
inline constexpr char kUserKind[] = "User";
inline constexpr char kGroupKind[] = "Group";
inline constexpr char kServiceAccountKind[] = "ServiceAccount";
inline constexpr char kAll[] = "*";  // any verb, group, resource or URL

// A rule verb equals `verb` or is "*".
bool VerbMatches(const PolicyRule& rule, std::string_view verb);
// A rule group equals `group` or is "*".
bool ApiGroupMatches(const PolicyRule& rule, std::string_view group);
// `combined` is "pods" or "pods/log"; `subresource` is "" or "log". A rule
// resource matches when it is "*", equals `combined`, or is "*/<subresource>".
bool ResourceMatches(const PolicyRule& rule, std::string_view combined,
                     std::string_view subresource);
// No resourceNames allows any name; otherwise `name` must be listed, so a rule
// with names never allows a request without one (list, create, watch).
bool ResourceNameMatches(const PolicyRule& rule, std::string_view name);
// A rule URL is "*", equals `path`, or ends in "*" and prefixes `path`.
bool NonResourceUrlMatches(const PolicyRule& rule, std::string_view path);

// upstream RuleAllows: the request's verb, group, resource[/subresource] and
// name, or its verb and path for a non-resource request.
bool RuleAllows(const auth::Attributes& attributes, const PolicyRule& rule);
// Any of the rules allows the request.
bool RulesAllow(const auth::Attributes& attributes, const PolicyRules& rules);

// "system:serviceaccount:<namespace>:<name>" is `username`, compared without
// building the string.
bool ServiceAccountUsernameMatches(std::string_view sa_namespace, std::string_view sa_name,
                                   std::string_view username);

// Whether `subject` names `user`: a User by name, a Group by membership, a
// ServiceAccount by its username. A ServiceAccount subject without a namespace
// takes `binding_namespace` (a RoleBinding's own; "" for ClusterRoleBindings,
// where it then matches nobody). Unknown kinds match nobody.
bool SubjectAppliesTo(const auth::UserInfo& user, const Subject& subject,
                      std::string_view binding_namespace);
// The index of the first subject that applies to `user`, or -1.
int FirstApplyingSubject(const auth::UserInfo& user, const Subjects& subjects,
                         std::string_view binding_namespace);

}  // namespace kube::apiserver::rbac
