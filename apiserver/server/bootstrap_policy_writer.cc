#include "apiserver/server/bootstrap_policy_writer.h"

#include "absl/strings/str_cat.h"
#include "apiserver/authorization/rbac/bootstrap_policy.h"
#include "apiserver/authorization/rbac/reconcile.h"
#include "common/auth/user_info.h"
#include "common/log/log.h"

namespace kube::apiserver {
namespace {

constexpr char kBootstrapRbacGroup[] = "rbac.authorization.k8s.io";
constexpr int kAttempts = 5;

// Reconciles one default object against the store: `reconcile(existing or null)`
// says what to write. Conflicts (another apiserver writing the same object) retry.
template <typename T, typename Reconcile>
absl::Status EnsureObject(const Store& store, const T& expected, Reconcile reconcile) {
  const std::string& ns = expected.metadata().namespace_();
  const std::string& name = expected.metadata().name();
  absl::Status last;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    absl::StatusOr<ObjectPtr> stored = store.Get(ns, name);
    if (!stored.ok() && !absl::IsNotFound(stored.status())) return stored.status();
    const T* existing = stored.ok() ? static_cast<const T*>(stored->get()) : nullptr;
    auto outcome = reconcile(existing, expected);
    if (!outcome.ShouldWrite()) return absl::OkStatus();
    auto object = std::make_unique<T>(outcome.object);
    switch (outcome.operation) {
      case rbac::ReconcileOperation::kCreate:
        last = store.Create(ns, std::move(object), {}).status();
        break;
      case rbac::ReconcileOperation::kUpdate:
        last = store.Replace(ns, name, std::move(object), UpdateMode::kMain, {}).status();
        break;
      case rbac::ReconcileOperation::kRecreate: {
        k8s::meta::v1::DeleteOptions options;
        options.mutable_preconditions()->set_uid(existing->metadata().uid());
        last = store.Delete(ns, name, options, {}).status();
        if (last.ok() || absl::IsNotFound(last)) {
          object->mutable_metadata()->clear_resourceversion();
          object->mutable_metadata()->clear_uid();
          last = store.Create(ns, std::move(object), {}).status();
        }
        break;
      }
      case rbac::ReconcileOperation::kNone:
        return absl::OkStatus();
    }
    if (last.ok()) {
      VLOG(1) << "RBAC bootstrap: wrote " << store.resource().resource << " " << name;
      return absl::OkStatus();
    }
    if (!absl::IsAborted(last) && !absl::IsAlreadyExists(last) && !absl::IsNotFound(last)) break;
  }
  return absl::InternalError(absl::StrCat("writing the default ", store.resource().resource, " ",
                                          name, ": ", last.message()));
}

}  // namespace

absl::Status EnsureBootstrapPolicy(const StoreSet& stores, bool node_authorizer) {
  const Store* cluster_roles = stores.Find(kBootstrapRbacGroup, "ClusterRole");
  const Store* cluster_role_bindings = stores.Find(kBootstrapRbacGroup, "ClusterRoleBinding");
  const Store* roles = stores.Find(kBootstrapRbacGroup, "Role");
  const Store* role_bindings = stores.Find(kBootstrapRbacGroup, "RoleBinding");
  if (cluster_roles == nullptr || cluster_role_bindings == nullptr || roles == nullptr ||
      role_bindings == nullptr) {
    return absl::FailedPreconditionError("the RBAC API is not registered");
  }
  auto reconcile_cluster_role = [](const k8s::rbac::v1::ClusterRole* existing,
                                   const k8s::rbac::v1::ClusterRole& expected) {
    return rbac::ReconcileClusterRole(existing, expected);
  };
  for (const k8s::rbac::v1::ClusterRole& role : rbac::AllClusterRoles()) {
    if (absl::Status status = EnsureObject(*cluster_roles, role, reconcile_cluster_role);
        !status.ok()) {
      return status;
    }
  }
  auto reconcile_cluster_binding = [](const k8s::rbac::v1::ClusterRoleBinding* existing,
                                      const k8s::rbac::v1::ClusterRoleBinding& expected) {
    return rbac::ReconcileClusterRoleBinding(existing, expected);
  };
  // Earlier releases, which had no Node authorizer, bound system:node to the
  // group system:nodes; with the Node authorizer that grant would bypass it, so
  // reconciliation takes it back (unless the binding opted out of updates).
  auto reconcile_node_binding = [node_authorizer](
                                    const k8s::rbac::v1::ClusterRoleBinding* existing,
                                    const k8s::rbac::v1::ClusterRoleBinding& expected) {
    if (existing == nullptr || !node_authorizer) {
      return rbac::ReconcileClusterRoleBinding(existing, expected);
    }
    k8s::rbac::v1::ClusterRoleBinding kept = *existing;
    kept.clear_subjects();
    for (const k8s::rbac::v1::Subject& subject : existing->subjects()) {
      if (subject.kind() != "Group" || subject.name() != auth::kNodesGroup) {
        *kept.add_subjects() = subject;
      }
    }
    auto outcome = rbac::ReconcileClusterRoleBinding(&kept, expected);
    if (outcome.operation == rbac::ReconcileOperation::kNone &&
        kept.subjects_size() != existing->subjects_size()) {
      outcome.operation = rbac::ReconcileOperation::kUpdate;
      outcome.object = std::move(kept);
    }
    return outcome;
  };
  for (k8s::rbac::v1::ClusterRoleBinding binding : rbac::AllClusterRoleBindings()) {
    const bool node_binding = binding.metadata().name() == "system:node";
    if (node_binding && !node_authorizer && binding.subjects().empty()) {
      k8s::rbac::v1::Subject* nodes = binding.add_subjects();
      nodes->set_kind("Group");
      nodes->set_apigroup(kBootstrapRbacGroup);
      nodes->set_name(auth::kNodesGroup);
    }
    absl::Status status =
        node_binding ? EnsureObject(*cluster_role_bindings, binding, reconcile_node_binding)
                     : EnsureObject(*cluster_role_bindings, binding, reconcile_cluster_binding);
    if (!status.ok()) return status;
  }
  auto reconcile_role = [](const k8s::rbac::v1::Role* existing,
                           const k8s::rbac::v1::Role& expected) {
    return rbac::ReconcileRole(existing, expected);
  };
  for (const k8s::rbac::v1::Role& role : rbac::NamespaceRoles()) {
    if (absl::Status status = EnsureObject(*roles, role, reconcile_role); !status.ok()) {
      return status;
    }
  }
  auto reconcile_binding = [](const k8s::rbac::v1::RoleBinding* existing,
                              const k8s::rbac::v1::RoleBinding& expected) {
    return rbac::ReconcileRoleBinding(existing, expected);
  };
  for (const k8s::rbac::v1::RoleBinding& binding : rbac::NamespaceRoleBindings()) {
    if (absl::Status status = EnsureObject(*role_bindings, binding, reconcile_binding);
        !status.ok()) {
      return status;
    }
  }
  return absl::OkStatus();
}

}  // namespace kube::apiserver
