#include "apiserver/registry/rbac/role_strategy.h"

#include "apiserver/registry/rbac/rbac_validation.h"
#include "k8s/rbac/v1/rbac.pb.h"

namespace kube::apiserver {

api::FieldErrors RoleStrategy::Validate(const google::protobuf::Message& object) const {
  return rbac_registry::ValidateRole(static_cast<const k8s::rbac::v1::Role&>(object));
}

api::FieldErrors ClusterRoleStrategy::Validate(const google::protobuf::Message& object) const {
  return rbac_registry::ValidateClusterRole(static_cast<const k8s::rbac::v1::ClusterRole&>(object));
}

}  // namespace kube::apiserver
