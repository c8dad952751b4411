#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "k8s/rbac/v1/rbac.pb.h"

namespace kube::apiserver::rbac {

// Where the RBAC authorizer reads roles and bindings from. The apiserver
// implements it over its watch caches; tests over a few objects
// (StaticRbacObjectSource).
//
// Thread-safety: implementations are safe to call concurrently from any number
// of request threads. Returned objects are immutable snapshots the caller may
// keep for as long as it holds the pointer.
class RbacObjectSource {
 public:
  virtual ~RbacObjectSource() = default;

  // Every ClusterRoleBinding.
  virtual absl::StatusOr<std::vector<std::shared_ptr<const k8s::rbac::v1::ClusterRoleBinding>>>
  ListClusterRoleBindings() const = 0;

  // Every RoleBinding of `ns` (never called with "").
  virtual absl::StatusOr<std::vector<std::shared_ptr<const k8s::rbac::v1::RoleBinding>>>
  ListRoleBindings(std::string_view ns) const = 0;

  // The ClusterRole named `name`; a NotFound status when there is none.
  virtual absl::StatusOr<std::shared_ptr<const k8s::rbac::v1::ClusterRole>> GetClusterRole(
      std::string_view name) const = 0;

  // The Role `ns`/`name`; a NotFound status when there is none.
  virtual absl::StatusOr<std::shared_ptr<const k8s::rbac::v1::Role>> GetRole(
      std::string_view ns, std::string_view name) const = 0;
};

}  // namespace kube::apiserver::rbac
