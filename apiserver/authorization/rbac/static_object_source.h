#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "apiserver/authorization/rbac/rbac_object_source.h"

namespace kube::apiserver::rbac {

// An RbacObjectSource over a fixed set of objects, for tests and for
// evaluating the bootstrap policy before the caches exist. Filled before use
// (Add*), then read-only: safe to share between threads once filled.
class StaticRbacObjectSource final : public RbacObjectSource {
 public:
  void AddRole(k8s::rbac::v1::Role role);
  void AddClusterRole(k8s::rbac::v1::ClusterRole role);
  void AddRoleBinding(k8s::rbac::v1::RoleBinding binding);
  void AddClusterRoleBinding(k8s::rbac::v1::ClusterRoleBinding binding);

  // RbacObjectSource
  absl::StatusOr<std::vector<std::shared_ptr<const k8s::rbac::v1::ClusterRoleBinding>>>
  ListClusterRoleBindings() const override;
  absl::StatusOr<std::vector<std::shared_ptr<const k8s::rbac::v1::RoleBinding>>>
  ListRoleBindings(std::string_view ns) const override;
  absl::StatusOr<std::shared_ptr<const k8s::rbac::v1::ClusterRole>> GetClusterRole(
      std::string_view name) const override;
  absl::StatusOr<std::shared_ptr<const k8s::rbac::v1::Role>> GetRole(
      std::string_view ns, std::string_view name) const override;

 private:
  std::vector<std::shared_ptr<const k8s::rbac::v1::Role>> roles_;
  std::vector<std::shared_ptr<const k8s::rbac::v1::ClusterRole>> cluster_roles_;
  std::vector<std::shared_ptr<const k8s::rbac::v1::RoleBinding>> role_bindings_;
  std::vector<std::shared_ptr<const k8s::rbac::v1::ClusterRoleBinding>> cluster_role_bindings_;
};

}  // namespace kube::apiserver::rbac
