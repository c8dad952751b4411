#pragma once

#include "apiserver/authorization/rbac/rbac_object_source.h"
#include "apiserver/generic/store_set.h"

namespace kube::apiserver {

// The RBAC authorizer's roles and bindings, read from the watch caches on every
// request (shared, not copied), as upstream's authorizer reads its informers.
// Thread-safe.
class StoreRbacSource final : public rbac::RbacObjectSource {
 public:
  explicit StoreRbacSource(const StoreSet& stores);

  absl::StatusOr<std::vector<std::shared_ptr<const k8s::rbac::v1::ClusterRoleBinding>>>
  ListClusterRoleBindings() const override;
  absl::StatusOr<std::vector<std::shared_ptr<const k8s::rbac::v1::RoleBinding>>>
  ListRoleBindings(std::string_view ns) const override;
  absl::StatusOr<std::shared_ptr<const k8s::rbac::v1::ClusterRole>> GetClusterRole(
      std::string_view name) const override;
  absl::StatusOr<std::shared_ptr<const k8s::rbac::v1::Role>> GetRole(
      std::string_view ns, std::string_view name) const override;

 private:
  const Store* cluster_role_bindings_;
  const Store* role_bindings_;
  const Store* cluster_roles_;
  const Store* roles_;
};

}  // namespace kube::apiserver
