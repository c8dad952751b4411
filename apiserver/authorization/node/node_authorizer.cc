#include "apiserver/authorization/node/node_authorizer.h"

#include "apiserver/authorization/node/node_identity.h"
#include "apiserver/authorization/rbac/bootstrap_policy.h"
#include "apiserver/authorization/rbac/rule_matching.h"
#include "common/util/strings.h"

namespace kube::apiserver::node {
namespace {

using auth::Attributes;
using auth::Decision;

constexpr char kNodeLeaseNamespace[] = "kube-node-lease";

google::protobuf::RepeatedPtrField<k8s::rbac::v1::PolicyRule> StaticNodeRules() {
  google::protobuf::RepeatedPtrField<k8s::rbac::v1::PolicyRule> rules;
  for (k8s::rbac::v1::PolicyRule& rule : rbac::NodeRules()) *rules.Add() = std::move(rule);
  return rules;
}

Decision Refuse(std::string* reason, std::string text) {
  *reason = std::move(text);
  return Decision::kNoOpinion;
}

bool Is(const Attributes& attributes, std::string_view group, std::string_view resource) {
  return attributes.api_group == group && attributes.resource == resource;
}

// A node's own Lease in kube-node-lease (create is checked by NodeRestriction: the
// name is not known here).
Decision AuthorizeLease(const std::string& node, const Attributes& attributes,
                        std::string* reason) {
  const std::string& verb = attributes.verb;
  if (verb != "get" && verb != "create" && verb != "update" && verb != "patch" &&
      verb != "delete") {
    return Refuse(reason, "can only get, create, update, patch, or delete a node lease");
  }
  if (attributes.namespace_ != kNodeLeaseNamespace) {
    return Refuse(reason,
                  StrCat("can only access leases in the \"", kNodeLeaseNamespace,
                         "\" system namespace"));
  }
  if (verb != "create" && attributes.name != node) {
    return Refuse(reason, "can only access node lease with the same name as the requesting node");
  }
  return Decision::kAllow;
}

// A node's own CSINode (create is checked by NodeRestriction).
Decision AuthorizeCsiNode(const std::string& node, const Attributes& attributes,
                          std::string* reason) {
  const std::string& verb = attributes.verb;
  if (verb != "get" && verb != "create" && verb != "update" && verb != "patch" &&
      verb != "delete") {
    return Refuse(reason, "can only get, create, update, patch, or delete a CSINode");
  }
  if (!attributes.subresource.empty()) {
    return Refuse(reason, "cannot authorize CSINode subresources");
  }
  if (verb != "create" && attributes.name != node) {
    return Refuse(reason, "can only access CSINode with the same name as the requesting node");
  }
  return Decision::kAllow;
}

}  // namespace

NodeAuthorizer::NodeAuthorizer(const NodeGraph& graph, std::function<void()> catch_up)
    : graph_(graph), catch_up_(std::move(catch_up)), node_rules_(StaticNodeRules()) {}

absl::StatusOr<Decision> NodeAuthorizer::Authorize(const Attributes& attributes,
                                                   std::string* reason) const {
  std::optional<std::string> node = NodeIdentity(*attributes.user);
  if (!node.has_value()) return Decision::kNoOpinion;
  if (node->empty()) {
    return Refuse(reason, StrCat("unknown node for user \"", attributes.user->name, "\""));
  }
  if (attributes.resource_request) {
    using Kind = NodeGraph::Kind;
    if (Is(attributes, "", "secrets")) {
      return ReadNamespacedObject(*node, Kind::kSecret, attributes, reason);
    }
    if (Is(attributes, "", "configmaps")) {
      return ReadNamespacedObject(*node, Kind::kConfigMap, attributes, reason);
    }
    if (Is(attributes, "", "persistentvolumeclaims")) {
      return attributes.subresource == "status"
                 ? ClaimStatus(*node, attributes, reason)
                 : GetObject(*node, Kind::kPersistentVolumeClaim, attributes, reason);
    }
    if (Is(attributes, "", "persistentvolumes")) return GetVolume(*node, attributes, reason);
    if (Is(attributes, "", "serviceaccounts")) return CreateToken(*node, attributes, reason);
    if (Is(attributes, "storage.k8s.io", "volumeattachments")) {
      // No attach/detach controller writes them here: nothing relates one to a node.
      return Refuse(reason,
                    StrCat("no relationship found between node '", *node, "' and this object"));
    }
    if (Is(attributes, "coordination.k8s.io", "leases")) {
      return AuthorizeLease(*node, attributes, reason);
    }
    if (Is(attributes, "storage.k8s.io", "csinodes")) {
      return AuthorizeCsiNode(*node, attributes, reason);
    }
  }
  return rbac::RulesAllow(attributes, node_rules_) ? Decision::kAllow : Decision::kNoOpinion;
}

Decision NodeAuthorizer::ReadNamespacedObject(const std::string& node, NodeGraph::Kind kind,
                                              const Attributes& attributes,
                                              std::string* reason) const {
  const std::string& verb = attributes.verb;
  if (verb != "get" && verb != "list" && verb != "watch") {
    return Refuse(reason, "can only read resources of this type");
  }
  if (!attributes.subresource.empty()) return Refuse(reason, "cannot read subresource");
  if (attributes.namespace_.empty()) {
    return Refuse(reason, "can only read namespaced object of this type");
  }
  ObjectName object{attributes.namespace_, attributes.name};
  return Relationship(node, attributes, [&] { return graph_.Related(node, kind, object); },
                      reason);
}

Decision NodeAuthorizer::GetObject(const std::string& node, NodeGraph::Kind kind,
                                   const Attributes& attributes, std::string* reason) const {
  if (attributes.verb != "get") {
    return Refuse(reason, "can only get individual resources of this type");
  }
  if (!attributes.subresource.empty()) return Refuse(reason, "cannot get subresource");
  ObjectName object{attributes.namespace_, attributes.name};
  return Relationship(node, attributes, [&] { return graph_.Related(node, kind, object); },
                      reason);
}

Decision NodeAuthorizer::ClaimStatus(const std::string& node, const Attributes& attributes,
                                     std::string* reason) const {
  if (attributes.verb != "update" && attributes.verb != "patch") {
    return Refuse(reason, "can only get/update/patch this type");
  }
  ObjectName object{attributes.namespace_, attributes.name};
  return Relationship(
      node, attributes,
      [&] { return graph_.Related(node, NodeGraph::Kind::kPersistentVolumeClaim, object); },
      reason);
}

Decision NodeAuthorizer::GetVolume(const std::string& node, const Attributes& attributes,
                                   std::string* reason) const {
  if (attributes.verb != "get") {
    return Refuse(reason, "can only get individual resources of this type");
  }
  if (!attributes.subresource.empty()) return Refuse(reason, "cannot get subresource");
  return Relationship(node, attributes,
                      [&] { return graph_.VolumeRelated(node, attributes.name); }, reason);
}

Decision NodeAuthorizer::CreateToken(const std::string& node, const Attributes& attributes,
                                     std::string* reason) const {
  if (attributes.verb != "create" || attributes.name.empty()) {
    return Refuse(reason, "can only create tokens for individual service accounts");
  }
  if (attributes.subresource != "token") {
    return Refuse(reason, "can only create token subresource of serviceaccount");
  }
  ObjectName object{attributes.namespace_, attributes.name};
  return Relationship(
      node, attributes,
      [&] { return graph_.Related(node, NodeGraph::Kind::kServiceAccount, object); }, reason);
}

Decision NodeAuthorizer::Relationship(const std::string& node, const Attributes& attributes,
                                      const std::function<bool()>& related,
                                      std::string* reason) const {
  if (attributes.name.empty()) return Refuse(reason, "No Object name found");
  if (related()) return Decision::kAllow;
  if (catch_up_) {
    catch_up_();
    if (related()) return Decision::kAllow;
  }
  return Refuse(reason, StrCat("no relationship found between node '", node, "' and this object"));
}

}  // namespace kube::apiserver::node
