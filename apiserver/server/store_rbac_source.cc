#include "apiserver/server/store_rbac_source.h"

#include "common/api/errors.h"

namespace kube::apiserver {
namespace {

constexpr char kRbacApiGroup[] = "rbac.authorization.k8s.io";

template <typename T>
absl::StatusOr<std::vector<std::shared_ptr<const T>>> ListAs(const Store* store,
                                                             std::string_view ns) {
  if (store == nullptr) return std::vector<std::shared_ptr<const T>>();
  absl::StatusOr<std::vector<SharedObject>> objects = store->ListShared(ns);
  if (!objects.ok()) return objects.status();
  std::vector<std::shared_ptr<const T>> typed;
  typed.reserve(objects->size());
  for (SharedObject& object : *objects) {
    typed.push_back(std::static_pointer_cast<const T>(std::move(object)));
  }
  return typed;
}

template <typename T>
absl::StatusOr<std::shared_ptr<const T>> GetAs(const Store* store, std::string_view resource,
                                               std::string_view ns, std::string_view name) {
  if (store == nullptr) return api::NotFoundError(resource, name);
  absl::StatusOr<SharedObject> object = store->GetCached(ns, name);
  if (!object.ok()) return object.status();
  return std::static_pointer_cast<const T>(std::move(*object));
}

}  // namespace

StoreRbacSource::StoreRbacSource(const StoreSet& stores)
    : cluster_role_bindings_(stores.Find(kRbacApiGroup, "ClusterRoleBinding")),
      role_bindings_(stores.Find(kRbacApiGroup, "RoleBinding")),
      cluster_roles_(stores.Find(kRbacApiGroup, "ClusterRole")),
      roles_(stores.Find(kRbacApiGroup, "Role")) {}

absl::StatusOr<std::vector<std::shared_ptr<const k8s::rbac::v1::ClusterRoleBinding>>>
StoreRbacSource::ListClusterRoleBindings() const {
  return ListAs<k8s::rbac::v1::ClusterRoleBinding>(cluster_role_bindings_, "");
}

absl::StatusOr<std::vector<std::shared_ptr<const k8s::rbac::v1::RoleBinding>>>
StoreRbacSource::ListRoleBindings(std::string_view ns) const {
  return ListAs<k8s::rbac::v1::RoleBinding>(role_bindings_, ns);
}

absl::StatusOr<std::shared_ptr<const k8s::rbac::v1::ClusterRole>> StoreRbacSource::GetClusterRole(
    std::string_view name) const {
  return GetAs<k8s::rbac::v1::ClusterRole>(cluster_roles_,
                                           "clusterroles.rbac.authorization.k8s.io", "", name);
}

absl::StatusOr<std::shared_ptr<const k8s::rbac::v1::Role>> StoreRbacSource::GetRole(
    std::string_view ns, std::string_view name) const {
  return GetAs<k8s::rbac::v1::Role>(roles_, "roles.rbac.authorization.k8s.io", ns, name);
}

}  // namespace kube::apiserver
