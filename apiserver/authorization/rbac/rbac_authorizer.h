#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "common/auth/authorizer.h"
#include "apiserver/authorization/rbac/rbac_object_source.h"
#include "apiserver/authorization/rbac/rule_matching.h"
#include "common/auth/user_info.h"
#include "k8s/authorization/v1/authorization.pb.h"
#include "k8s/rbac/v1/rbac.pb.h"

namespace kube::apiserver::rbac {

// Where a rule came from: the binding, the role it references and the subject
// that named the user. Views into objects that live only during a visit.
struct RuleSource {
  enum class Binding { kClusterRoleBinding, kRoleBinding };
  Binding binding = Binding::kClusterRoleBinding;
  std::string_view binding_name;
  std::string_view binding_namespace;  // RoleBindings only
  const k8s::rbac::v1::RoleRef* role_ref = nullptr;
  const Subject* subject = nullptr;

  // Upstream's wording, as in the allow reason:
  //   ClusterRoleBinding "cluster-admin" of ClusterRole "cluster-admin" to Group "system:masters"
  //   RoleBinding "x/ns" of ClusterRole "view" to ServiceAccount "bob/t"
  // (a ServiceAccount as "name/namespace"; a RoleBinding as "name/namespace").
  std::string Describe() const;
};

// Called once per rule that applies (source and rule set, error OK) and once per
// problem resolving a binding (source and rule null). Returning false stops.
using RuleVisitor = absl::FunctionRef<bool(const RuleSource* source, const PolicyRule* rule,
                                           const absl::Status& error)>;

// What SelfSubjectRulesReview reports for RBAC.
struct SubjectRules {
  std::vector<k8s::authorization::v1::ResourceRule> resource_rules;
  std::vector<k8s::authorization::v1::NonResourceRule> non_resource_rules;
  // The resolution errors as upstream aggregates them ("" when none); the rules
  // found are still valid (RBAC only adds permissions).
  std::string evaluation_error;
};

// Upstream's RBAC authorizer (plugin/pkg/auth/authorizer/rbac): allows a request
// when a rule of a role bound to the user allows it. ClusterRoleBindings are
// consulted first, then the RoleBindings of the request's namespace. It never
// denies: without a matching rule the decision is NoOpinion.
//
// Thread-safe: holds no state of its own; `source` is read concurrently.
class RbacAuthorizer final : public auth::Authorizer {
 public:
  // `source` is not owned and must outlive the authorizer.
  explicit RbacAuthorizer(const RbacObjectSource& source) : source_(source) {}

  RbacAuthorizer(const RbacAuthorizer&) = delete;
  RbacAuthorizer& operator=(const RbacAuthorizer&) = delete;

  // Authorizer. On allow, `reason` is "RBAC: allowed by <source>". On NoOpinion
  // it is empty, or "RBAC: <errors>" when some binding could not be resolved
  // (a missing role), as upstream reports them.
  absl::StatusOr<auth::Decision> Authorize(const auth::Attributes& attributes,
                                           std::string* reason) const override {
    return Decide(attributes, reason);
  }

  // Authorize without the StatusOr: RBAC always reaches a decision (unresolvable
  // bindings are reported in `reason`, not as an error).
  auth::Decision Decide(const auth::Attributes& attributes, std::string* reason) const;

  // Visits every rule that applies to `user` in `ns` ("" visits the cluster
  // bindings only), in upstream's order, until `visitor` returns false.
  void VisitRulesFor(const auth::UserInfo& user, std::string_view ns,
                     RuleVisitor visitor) const;

  // Every rule that applies to `user` in `ns`; resolution errors, aggregated,
  // go to *errors when given ("" when none).
  std::vector<PolicyRule> PolicyRulesFor(const auth::UserInfo& user, std::string_view ns,
                                         std::string* errors = nullptr) const;

  // The rules split as SelfSubjectRulesReview reports them.
  SubjectRules RulesFor(const auth::UserInfo& user, std::string_view ns) const;

 private:
  const RbacObjectSource& source_;  // not owned; thread-safe
};

// utilerrors.NewAggregate(errs).Error(): the one message, or "[a, b]" with
// duplicates dropped; "" when there are none.
std::string AggregateErrors(const std::vector<std::string>& messages);

}  // namespace kube::apiserver::rbac
