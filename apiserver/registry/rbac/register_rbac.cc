#include "apiserver/registry/rbac/register_rbac.h"

#include "apiserver/registry/rbac/role_strategy.h"
#include "apiserver/registry/rbac/rolebinding_strategy.h"
#include "k8s/rbac/v1/rbac.pb.h"

namespace kube::apiserver {
namespace {

ResourceInfo RbacResource(std::string kind, std::string resource, std::string singular,
                          bool namespaced, const google::protobuf::Message& prototype,
                          const google::protobuf::Message& list_prototype,
                          std::unique_ptr<Strategy> strategy) {
  ResourceInfo info;
  info.group = "rbac.authorization.k8s.io";
  info.version = "v1";
  info.kind = std::move(kind);
  info.resource = std::move(resource);
  info.singular = std::move(singular);
  info.namespaced = namespaced;
  info.prototype = &prototype;
  info.list_prototype = &list_prototype;
  info.strategy = std::move(strategy);
  return info;
}

}  // namespace

void RegisterRbacResources(ResourceRegistry& registry, const RegistryConfig& config) {
  using namespace k8s::rbac::v1;
  registry.Add(RbacResource("ClusterRoleBinding", "clusterrolebindings", "clusterrolebinding",
                            false, ClusterRoleBinding::default_instance(),
                            ClusterRoleBindingList::default_instance(),
                            std::make_unique<ClusterRoleBindingStrategy>()));
  registry.Add(RbacResource("ClusterRole", "clusterroles", "clusterrole", false,
                            ClusterRole::default_instance(), ClusterRoleList::default_instance(),
                            std::make_unique<ClusterRoleStrategy>()));
  registry.Add(RbacResource("RoleBinding", "rolebindings", "rolebinding", true,
                            RoleBinding::default_instance(), RoleBindingList::default_instance(),
                            std::make_unique<RoleBindingStrategy>()));
  registry.Add(RbacResource("Role", "roles", "role", true, Role::default_instance(),
                            RoleList::default_instance(), std::make_unique<RoleStrategy>()));
}

}  // namespace kube::apiserver
