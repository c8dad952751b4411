#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver {

// rbac.authorization.k8s.io/v1 RoleBinding and ClusterRoleBinding (upstream
// pkg/registry/rbac/{rolebinding,clusterrolebinding}): the roleRef and the
// User/Group subjects' apiGroup default to rbac.authorization.k8s.io; the
// roleRef cannot change once created. Names are path segments; PUT may create.
class RoleBindingStrategy : public Strategy {
 public:
  void Default(google::protobuf::Message& object) const override;
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  api::FieldErrors ValidateUpdate(const google::protobuf::Message& object,
                                  const google::protobuf::Message& old) const override;
  NameRule name_rule() const override { return NameRule::kPathSegment; }
  bool allow_create_on_update() const override { return true; }
};

// As RoleBindingStrategy; the roleRef must name a ClusterRole and
// ServiceAccount subjects need a namespace.
class ClusterRoleBindingStrategy : public Strategy {
 public:
  void Default(google::protobuf::Message& object) const override;
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  api::FieldErrors ValidateUpdate(const google::protobuf::Message& object,
                                  const google::protobuf::Message& old) const override;
  NameRule name_rule() const override { return NameRule::kPathSegment; }
  bool allow_create_on_update() const override { return true; }
};

}  // namespace kube::apiserver
