#include "apiserver/registry/rbac/rolebinding_strategy.h"

#include "apiserver/registry/rbac/rbac_validation.h"
#include "k8s/rbac/v1/rbac.pb.h"

namespace kube::apiserver {
namespace {

using k8s::rbac::v1::ClusterRoleBinding;
using k8s::rbac::v1::RoleBinding;

template <typename Binding>
void DefaultBinding(Binding& binding) {
  rbac_registry::DefaultRoleRef(*binding.mutable_roleref());
  for (auto& subject : *binding.mutable_subjects()) rbac_registry::DefaultSubject(subject);
}

}  // namespace

void RoleBindingStrategy::Default(google::protobuf::Message& object) const {
  DefaultBinding(static_cast<RoleBinding&>(object));
}

api::FieldErrors RoleBindingStrategy::Validate(const google::protobuf::Message& object) const {
  return rbac_registry::ValidateRoleBinding(static_cast<const RoleBinding&>(object));
}

api::FieldErrors RoleBindingStrategy::ValidateUpdate(const google::protobuf::Message& object,
                                                     const google::protobuf::Message& old) const {
  return rbac_registry::ValidateRoleRefUnchanged(static_cast<const RoleBinding&>(object).roleref(),
                                                 static_cast<const RoleBinding&>(old).roleref());
}

void ClusterRoleBindingStrategy::Default(google::protobuf::Message& object) const {
  DefaultBinding(static_cast<ClusterRoleBinding&>(object));
}

api::FieldErrors ClusterRoleBindingStrategy::Validate(
    const google::protobuf::Message& object) const {
  return rbac_registry::ValidateClusterRoleBinding(static_cast<const ClusterRoleBinding&>(object));
}

api::FieldErrors ClusterRoleBindingStrategy::ValidateUpdate(
    const google::protobuf::Message& object, const google::protobuf::Message& old) const {
  return rbac_registry::ValidateRoleRefUnchanged(
      static_cast<const ClusterRoleBinding&>(object).roleref(),
      static_cast<const ClusterRoleBinding&>(old).roleref());
}

}  // namespace kube::apiserver
