#pragma once

#include <functional>
#include <string>

#include "apiserver/authorization/node/node_graph.h"
#include "common/auth/authorizer.h"
#include "k8s/rbac/v1/rbac.pb.h"

namespace kube::apiserver::node {

// --authorization-mode=Node (upstream's NodeAuthorizer): what a kubelet, user
// "system:node:<name>" in system:nodes, may do. Secrets, ConfigMaps, claims,
// PersistentVolumes and ServiceAccount tokens only when the graph relates them to a
// pod bound to that node; Leases and CSINodes only its own; everything else as the
// system:node role's rules. Other users get no opinion, and so does a denied node
// (RBAC may still allow it), with upstream's reason ("no relationship found between
// node 'n1' and this object"). Thread-safe.
class NodeAuthorizer final : public auth::Authorizer {
 public:
  // `catch_up` (optional) returns once the graph has applied every change its feed
  // had seen when called; asked once before a relationship is denied, so a kubelet
  // that learnt of a pod a moment before the graph did is not refused.
  NodeAuthorizer(const NodeGraph& graph, std::function<void()> catch_up = {});

  absl::StatusOr<auth::Decision> Authorize(const auth::Attributes& attributes,
                                           std::string* reason) const override;

 private:
  auth::Decision ReadNamespacedObject(const std::string& node, NodeGraph::Kind kind,
                                      const auth::Attributes& attributes,
                                      std::string* reason) const;
  auth::Decision GetObject(const std::string& node, NodeGraph::Kind kind,
                           const auth::Attributes& attributes, std::string* reason) const;
  auth::Decision ClaimStatus(const std::string& node, const auth::Attributes& attributes,
                             std::string* reason) const;
  auth::Decision GetVolume(const std::string& node, const auth::Attributes& attributes,
                           std::string* reason) const;
  auth::Decision CreateToken(const std::string& node, const auth::Attributes& attributes,
                             std::string* reason) const;
  // The graph's answer for a named object; `related` asks it.
  auth::Decision Relationship(const std::string& node, const auth::Attributes& attributes,
                              const std::function<bool()>& related, std::string* reason) const;

  const NodeGraph& graph_;
  const std::function<void()> catch_up_;
  const google::protobuf::RepeatedPtrField<k8s::rbac::v1::PolicyRule> node_rules_;
};

}  // namespace kube::apiserver::node
