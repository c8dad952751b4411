#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver {

// rbac.authorization.k8s.io/v1 Role and ClusterRole (upstream
// pkg/registry/rbac/{role,clusterrole}): names are path segments, PUT may
// create, and rules are validated as upstream's. Escalation checks belong to
// the authorizing layer, not here.
class RoleStrategy : public Strategy {
 public:
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  NameRule name_rule() const override { return NameRule::kPathSegment; }
  bool allow_create_on_update() const override { return true; }
};

class ClusterRoleStrategy : public Strategy {
 public:
  // Rules, then the aggregation rule: at least one valid label selector.
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  NameRule name_rule() const override { return NameRule::kPathSegment; }
  bool allow_create_on_update() const override { return true; }
};

}  // namespace kube::apiserver
