#include "apiserver/authorization/rbac/static_object_source.h"

#include "absl/status/status.h"
#include "common/util/strings.h"

namespace kube::apiserver::rbac {

using k8s::rbac::v1::ClusterRole;
using k8s::rbac::v1::ClusterRoleBinding;
using k8s::rbac::v1::Role;
using k8s::rbac::v1::RoleBinding;

void StaticRbacObjectSource::AddRole(Role role) {
  roles_.push_back(std::make_shared<const Role>(std::move(role)));
}

void StaticRbacObjectSource::AddClusterRole(ClusterRole role) {
  cluster_roles_.push_back(std::make_shared<const ClusterRole>(std::move(role)));
}

void StaticRbacObjectSource::AddRoleBinding(RoleBinding binding) {
  role_bindings_.push_back(std::make_shared<const RoleBinding>(std::move(binding)));
}

void StaticRbacObjectSource::AddClusterRoleBinding(ClusterRoleBinding binding) {
  cluster_role_bindings_.push_back(std::make_shared<const ClusterRoleBinding>(std::move(binding)));
}

absl::StatusOr<std::vector<std::shared_ptr<const ClusterRoleBinding>>>
StaticRbacObjectSource::ListClusterRoleBindings() const {
  return cluster_role_bindings_;
}

absl::StatusOr<std::vector<std::shared_ptr<const RoleBinding>>>
StaticRbacObjectSource::ListRoleBindings(std::string_view ns) const {
  std::vector<std::shared_ptr<const RoleBinding>> result;
  for (const auto& binding : role_bindings_) {
    if (binding->metadata().namespace_() == ns) result.push_back(binding);
  }
  return result;
}

absl::StatusOr<std::shared_ptr<const ClusterRole>> StaticRbacObjectSource::GetClusterRole(
    std::string_view name) const {
  for (const auto& role : cluster_roles_) {
    if (role->metadata().name() == name) return role;
  }
  return absl::NotFoundError(StrCat("clusterrole \"", name, "\" not found"));
}

absl::StatusOr<std::shared_ptr<const Role>> StaticRbacObjectSource::GetRole(
    std::string_view ns, std::string_view name) const {
  for (const auto& role : roles_) {
    if (role->metadata().namespace_() == ns && role->metadata().name() == name) return role;
  }
  return absl::NotFoundError(StrCat("role \"", name, "\" not found"));
}

}  // namespace kube::apiserver::rbac
