#include "apiserver/authorization/rbac/rbac_authorizer.h"

#include <set>

#include "apiserver/authorization/rbac/go_quote.h"
#include "common/util/strings.h"

namespace kube::apiserver::rbac {
namespace {

using k8s::rbac::v1::RoleRef;

// describeSubject: service accounts as "name/namespace", the namespace
// defaulting to the binding's.
std::string DescribeSubject(const Subject& subject, std::string_view binding_namespace) {
  if (subject.kind() == kServiceAccountKind) {
    std::string_view ns =
        subject.namespace_().empty() ? binding_namespace : std::string_view(subject.namespace_());
    return StrCat(subject.kind(), " ", GoQuote(StrCat(subject.name(), "/", ns)));
  }
  return StrCat(subject.kind(), " ", GoQuote(subject.name()));
}

// The message of a failed role lookup, as upstream's listers word NotFound.
absl::Status RoleLookupError(const absl::Status& status, std::string_view resource,
                             std::string_view name) {
  if (absl::IsNotFound(status)) {
    return absl::NotFoundError(
        StrCat(resource, ".rbac.authorization.k8s.io ", GoQuote(name), " not found"));
  }
  return status;
}

// The rules a binding grants (GetRoleReferenceRules), or why there are none.
absl::StatusOr<std::shared_ptr<const PolicyRules>> ReferencedRules(
    const RbacObjectSource& source, const RoleRef& ref, std::string_view binding_namespace) {
  if (ref.kind() == "Role") {
    auto role = source.GetRole(binding_namespace, ref.name());
    if (!role.ok()) return RoleLookupError(role.status(), "role", ref.name());
    // Aliases the role: the rules live as long as the pointer.
    return std::shared_ptr<const PolicyRules>(*role, &(*role)->rules());
  }
  if (ref.kind() == "ClusterRole") {
    auto role = source.GetClusterRole(ref.name());
    if (!role.ok()) return RoleLookupError(role.status(), "clusterrole", ref.name());
    return std::shared_ptr<const PolicyRules>(*role, &(*role)->rules());
  }
  return absl::InvalidArgumentError(
      StrCat("unsupported role reference kind: ", GoQuote(ref.kind())));
}

// Visits the rules of the bindings in `bindings` that name `user`. Returns false
// once the visitor asked to stop.
template <typename Binding>
bool VisitBindings(const RbacObjectSource& source,
                   const std::vector<std::shared_ptr<const Binding>>& bindings,
                   RuleSource::Binding kind, const auth::UserInfo& user, std::string_view ns,
                   RuleVisitor visitor) {
  for (const auto& binding : bindings) {
    const int subject = FirstApplyingSubject(user, binding->subjects(), ns);
    if (subject < 0) continue;
    auto rules = ReferencedRules(source, binding->roleref(), ns);
    if (!rules.ok()) {
      if (!visitor(nullptr, nullptr, rules.status())) return false;
      continue;
    }
    RuleSource rule_source;
    rule_source.binding = kind;
    rule_source.binding_name = binding->metadata().name();
    rule_source.binding_namespace = ns;
    rule_source.role_ref = &binding->roleref();
    rule_source.subject = &binding->subjects(subject);
    for (const PolicyRule& rule : **rules) {
      if (!visitor(&rule_source, &rule, absl::OkStatus())) return false;
    }
  }
  return true;
}

}  // namespace

std::string RuleSource::Describe() const {
  const std::string subject_text =
      subject != nullptr ? DescribeSubject(*subject, binding_namespace) : "";
  // Views, not temporaries: the ternary must not materialise a std::string.
  const std::string_view role_kind =
      role_ref != nullptr ? std::string_view(role_ref->kind()) : std::string_view();
  const std::string_view role_name =
      role_ref != nullptr ? std::string_view(role_ref->name()) : std::string_view();
  if (binding == Binding::kRoleBinding) {
    return StrCat("RoleBinding ", GoQuote(StrCat(binding_name, "/", binding_namespace)),
                        " of ", role_kind, " ", GoQuote(role_name), " to ", subject_text);
  }
  return StrCat("ClusterRoleBinding ", GoQuote(binding_name), " of ", role_kind, " ",
                      GoQuote(role_name), " to ", subject_text);
}

void RbacAuthorizer::VisitRulesFor(const auth::UserInfo& user, std::string_view ns,
                                   RuleVisitor visitor) const {
  auto cluster_bindings = source_.ListClusterRoleBindings();
  if (!cluster_bindings.ok()) {
    if (!visitor(nullptr, nullptr, cluster_bindings.status())) return;
  } else if (!VisitBindings(source_, *cluster_bindings, RuleSource::Binding::kClusterRoleBinding,
                            user, "", visitor)) {
    return;
  }
  if (ns.empty()) return;
  auto bindings = source_.ListRoleBindings(ns);
  if (!bindings.ok()) {
    visitor(nullptr, nullptr, bindings.status());
    return;
  }
  VisitBindings(source_, *bindings, RuleSource::Binding::kRoleBinding, user, ns, visitor);
}

auth::Decision RbacAuthorizer::Decide(const auth::Attributes& attributes,
                                      std::string* reason) const {
  reason->clear();
  if (attributes.user == nullptr) return auth::Decision::kNoOpinion;
  bool allowed = false;
  std::vector<std::string> errors;
  VisitRulesFor(*attributes.user, attributes.namespace_,
                [&](const RuleSource* source, const PolicyRule* rule, const absl::Status& error) {
                  if (rule != nullptr && RuleAllows(attributes, *rule)) {
                    allowed = true;
                    *reason = StrCat("RBAC: allowed by ", source->Describe());
                    return false;
                  }
                  if (!error.ok()) errors.push_back(std::string(error.message()));
                  return true;
                });
  if (allowed) return auth::Decision::kAllow;
  if (!errors.empty()) *reason = StrCat("RBAC: ", AggregateErrors(errors));
  return auth::Decision::kNoOpinion;
}

std::vector<PolicyRule> RbacAuthorizer::PolicyRulesFor(const auth::UserInfo& user,
                                                       std::string_view ns,
                                                       std::string* errors) const {
  std::vector<PolicyRule> rules;
  std::vector<std::string> messages;
  VisitRulesFor(user, ns,
                [&](const RuleSource*, const PolicyRule* rule, const absl::Status& error) {
                  if (rule != nullptr) rules.push_back(*rule);
                  if (!error.ok()) messages.push_back(std::string(error.message()));
                  return true;
                });
  if (errors != nullptr) *errors = AggregateErrors(messages);
  return rules;
}

SubjectRules RbacAuthorizer::RulesFor(const auth::UserInfo& user, std::string_view ns) const {
  SubjectRules result;
  for (const PolicyRule& rule : PolicyRulesFor(user, ns, &result.evaluation_error)) {
    if (!rule.resources().empty()) {
      auto& out = result.resource_rules.emplace_back();
      *out.mutable_verbs() = rule.verbs();
      *out.mutable_apigroups() = rule.apigroups();
      *out.mutable_resources() = rule.resources();
      *out.mutable_resourcenames() = rule.resourcenames();
    }
    if (!rule.nonresourceurls().empty()) {
      auto& out = result.non_resource_rules.emplace_back();
      *out.mutable_verbs() = rule.verbs();
      *out.mutable_nonresourceurls() = rule.nonresourceurls();
    }
  }
  return result;
}

std::string AggregateErrors(const std::vector<std::string>& messages) {
  if (messages.empty()) return "";
  if (messages.size() == 1) return messages.front();
  std::set<std::string_view> seen;
  std::vector<std::string_view> unique;
  for (const std::string& message : messages) {
    if (seen.insert(message).second) unique.push_back(message);
  }
  if (unique.size() == 1) return std::string(unique.front());
  return StrCat("[", StrJoin(unique, ", "), "]");
}

}  // namespace kube::apiserver::rbac
