#include "apiserver/admission/noderestriction/node_restriction.h"

#include <algorithm>
#include <set>

#include <google/protobuf/util/message_differencer.h>

#include "apiserver/authorization/node/node_identity.h"
#include "common/api/errors.h"
#include "common/util/strings.h"
#include "k8s/authentication/v1/authentication.pb.h"
#include "k8s/coordination/v1/coordination.pb.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::admission {
namespace {

using google::protobuf::util::MessageDifferencer;
using k8s::core::v1::Node;
using k8s::core::v1::Pod;

constexpr char kMirrorPodAnnotation[] = "kubernetes.io/config.mirror";
constexpr char kNodeLeaseNamespace[] = "kube-node-lease";
constexpr char kNodeRestrictionNamespace[] = "node-restriction.kubernetes.io";

absl::Status Forbidden(const Request& request, std::string_view reason) {
  return api::ForbiddenError(request.resource->QualifiedResource(), request.name, reason);
}

std::string_view OperationName(Operation operation) {
  switch (operation) {
    case Operation::kCreate: return "CREATE";
    case Operation::kUpdate: return "UPDATE";
    case Operation::kDelete: return "DELETE";
  }
  return "";
}

std::string_view LabelNamespace(std::string_view key) {
  size_t slash = key.find('/');
  return slash == std::string_view::npos ? std::string_view() : key.substr(0, slash);
}

// `ns` is `domain` or a subdomain of it.
bool InDomain(std::string_view ns, std::string_view domain) {
  return ns == domain ||
         (ns.size() > domain.size() && ns.ends_with(domain) && ns[ns.size() - domain.size() - 1] == '.');
}

// Upstream's kubeletapis.IsKubeletLabel.
bool IsKubeletLabel(std::string_view key) {
  static const std::set<std::string_view> kLabels = {
      "kubernetes.io/hostname",        "topology.kubernetes.io/zone",
      "topology.kubernetes.io/region", "failure-domain.beta.kubernetes.io/zone",
      "failure-domain.beta.kubernetes.io/region", "beta.kubernetes.io/instance-type",
      "node.kubernetes.io/instance-type", "kubernetes.io/os",
      "kubernetes.io/arch",            "beta.kubernetes.io/os",
      "beta.kubernetes.io/arch"};
  if (kLabels.contains(key)) return true;
  std::string_view ns = LabelNamespace(key);
  return InDomain(ns, "kubelet.kubernetes.io") || InDomain(ns, "node.kubernetes.io");
}

// Label keys added, removed or changed between `before` and `after`.
template <typename Map>
std::vector<std::string> ModifiedLabels(const Map& after, const Map* before) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : after) {
    if (before == nullptr) {
      keys.push_back(key);
      continue;
    }
    auto old = before->find(key);
    if (old == before->end() || old->second != value) keys.push_back(key);
  }
  if (before != nullptr) {
    for (const auto& [key, value] : *before) {
      if (after.count(key) == 0) keys.push_back(key);
    }
  }
  return keys;
}

bool SameTaints(const Node& a, const Node& b) {
  if (a.spec().taints_size() != b.spec().taints_size()) return false;
  for (int i = 0; i < a.spec().taints_size(); ++i) {
    if (!MessageDifferencer::Equals(a.spec().taints(i), b.spec().taints(i))) return false;
  }
  return true;
}

}  // namespace

std::vector<std::string> ForbiddenNodeLabels(const std::vector<std::string>& keys) {
  std::set<std::string> forbidden;
  for (const std::string& key : keys) {
    std::string_view ns = LabelNamespace(key);
    if (InDomain(ns, kNodeRestrictionNamespace)) forbidden.insert(key);
    bool kubernetes = InDomain(ns, "kubernetes.io") || InDomain(ns, "k8s.io");
    if (kubernetes && !IsKubeletLabel(key)) forbidden.insert(key);
  }
  return {forbidden.begin(), forbidden.end()};
}

absl::Status NodeRestriction::Validate(const Request& request) const {
  std::optional<std::string> node = node::NodeIdentity(*request.user);
  if (!node.has_value()) return absl::OkStatus();
  if (node->empty()) {
    return Forbidden(request,
                     StrCat("could not determine node from user \"", request.user->name, "\""));
  }
  const std::string& group = request.resource->group;
  const std::string& resource = request.resource->resource;
  if (group.empty() && resource == "pods") return AdmitPod(*node, request);
  if (group.empty() && resource == "nodes") return AdmitNode(*node, request);
  if (group.empty() && resource == "serviceaccounts" && request.subresource == "token") {
    return AdmitToken(*node, request);
  }
  if (group.empty() && resource == "persistentvolumeclaims" &&
      request.operation != Operation::kDelete && request.subresource != "status") {
    return Forbidden(request, StrCat("node \"", *node, "\" may only update the status of claims"));
  }
  if (group == "coordination.k8s.io" && resource == "leases" &&
      request.operation != Operation::kDelete) {
    if (request.namespace_ != kNodeLeaseNamespace) {
      return Forbidden(request, StrCat("can only access leases in the \"", kNodeLeaseNamespace,
                                       "\" system namespace"));
    }
    if (request.name != *node) {
      return Forbidden(request,
                       "can only access node lease with the same name as the requesting node");
    }
  }
  if (group == "storage.k8s.io" && resource == "csinodes" && request.name != *node) {
    return Forbidden(request,
                     "can only access CSINode with the same name as the requesting node");
  }
  return absl::OkStatus();
}

absl::Status NodeRestriction::AdmitPod(const std::string& node, const Request& request) const {
  if (request.subresource == "status") {
    const auto& old_pod = static_cast<const Pod&>(*request.old_object);
    if (old_pod.spec().nodename() != node) {
      return Forbidden(request, StrCat("node \"", node,
                                       "\" can only update pod status for pods with "
                                       "spec.nodeName set to itself"));
    }
    const auto& pod = static_cast<const Pod&>(*request.object);
    if (!ModifiedLabels(pod.metadata().labels(), &old_pod.metadata().labels()).empty()) {
      return Forbidden(request,
                       StrCat("node \"", node, "\" cannot update labels through pod status"));
    }
    return absl::OkStatus();
  }
  if (!request.subresource.empty()) {
    return Forbidden(request, StrCat("unexpected pod subresource \"", request.subresource, "\""));
  }
  switch (request.operation) {
    case Operation::kCreate:
      return AdmitMirrorPod(node, request);
    case Operation::kDelete:
      if (static_cast<const Pod&>(*request.old_object).spec().nodename() != node) {
        return Forbidden(request, StrCat("node \"", node,
                                         "\" can only delete pods with spec.nodeName set to "
                                         "itself"));
      }
      return absl::OkStatus();
    default:
      return Forbidden(request, StrCat("unexpected operation \"", OperationName(request.operation),
                                       "\", node \"", node,
                                       "\" can only create and delete mirror pods"));
  }
}

absl::Status NodeRestriction::AdmitMirrorPod(const std::string& node,
                                             const Request& request) const {
  const auto& pod = static_cast<const Pod&>(*request.object);
  if (pod.metadata().annotations().count(kMirrorPodAnnotation) == 0) {
    return Forbidden(request, StrCat("pod does not have \"", kMirrorPodAnnotation,
                                     "\" annotation, node \"", node,
                                     "\" can only create mirror pods"));
  }
  if (pod.spec().nodename() != node) {
    return Forbidden(request, StrCat("node \"", node,
                                     "\" can only create pods with spec.nodeName set to itself"));
  }
  const auto& owners = pod.metadata().ownerreferences();
  if (owners.size() > 1) {
    return Forbidden(request, StrCat("node \"", node,
                                     "\" can only create pods with a single owner reference "
                                     "set to itself"));
  }
  const std::string not_owned =
      StrCat("node \"", node, "\" can only create pods with an owner reference set to itself");
  if (owners.empty()) return Forbidden(request, not_owned);
  const auto& owner = owners[0];
  if (owner.apiversion() != "v1" || owner.kind() != "Node" || owner.name() != node ||
      !owner.controller()) {
    return Forbidden(request, not_owned);
  }
  absl::StatusOr<SharedObject> stored = nodes_.GetCached("", node);
  if (!stored.ok()) return stored.status();
  const std::string& uid = static_cast<const Node&>(**stored).metadata().uid();
  if (owner.uid() != uid) {
    return Forbidden(request, StrCat("node ", node, " UID mismatch: expected ", uid, " got ",
                                     owner.uid()));
  }
  // A mirror pod may not reach other objects: the node could read them through it.
  const auto& spec = pod.spec();
  if (!spec.serviceaccountname().empty()) {
    return Forbidden(request, StrCat("node \"", node,
                                     "\" can not create pods that reference a service account"));
  }
  for (const auto& volume : spec.volumes()) {
    const auto& source = volume.volumesource();
    if (source.has_persistentvolumeclaim() || source.has_ephemeral()) {
      return Forbidden(request, StrCat("node \"", node,
                                       "\" can not create pods that reference "
                                       "persistentvolumeclaims"));
    }
  }
  bool secrets = !spec.imagepullsecrets().empty();
  bool config_maps = false;
  auto scan = [&](const auto& env, const auto& env_from) {
    for (const auto& source : env_from) {
      secrets |= source.has_secretref();
      config_maps |= source.has_configmapref();
    }
    for (const auto& var : env) {
      secrets |= var.valuefrom().has_secretkeyref();
      config_maps |= var.valuefrom().has_configmapkeyref();
    }
  };
  for (const auto& c : spec.containers()) scan(c.env(), c.envfrom());
  for (const auto& c : spec.initcontainers()) scan(c.env(), c.envfrom());
  for (const auto& c : spec.ephemeralcontainers()) {
    scan(c.ephemeralcontainercommon().env(), c.ephemeralcontainercommon().envfrom());
  }
  for (const auto& volume : spec.volumes()) {
    const auto& source = volume.volumesource();
    secrets |= source.has_secret();
    config_maps |= source.has_configmap();
    for (const auto& projection : source.projected().sources()) {
      secrets |= projection.has_secret();
      config_maps |= projection.has_configmap();
    }
  }
  if (secrets) {
    return Forbidden(request,
                     StrCat("node \"", node, "\" can not create pods that reference secrets"));
  }
  if (config_maps) {
    return Forbidden(request,
                     StrCat("node \"", node, "\" can not create pods that reference configmaps"));
  }
  return absl::OkStatus();
}

absl::Status NodeRestriction::AdmitNode(const std::string& node, const Request& request) const {
  if (request.name != node) {
    return Forbidden(request, StrCat("node \"", node, "\" is not allowed to modify node \"",
                                     request.name, "\""));
  }
  if (request.operation == Operation::kCreate) {
    const auto& created = static_cast<const Node&>(*request.object);
    if (created.spec().has_configsource()) {
      return Forbidden(request, StrCat("node \"", node,
                                       "\" is not allowed to create pods with a non-nil "
                                       "configSource"));
    }
    std::vector<std::string> forbidden =
        ForbiddenNodeLabels(ModifiedLabels(
            created.metadata().labels(),
            static_cast<const google::protobuf::Map<std::string, std::string>*>(nullptr)));
    if (!forbidden.empty()) {
      return Forbidden(request, StrCat("node \"", node,
                                       "\" is not allowed to set the following labels: ",
                                       StrJoin(forbidden, ", ")));
    }
  }
  if (request.operation == Operation::kUpdate) {
    const auto& updated = static_cast<const Node&>(*request.object);
    const auto& old = static_cast<const Node&>(*request.old_object);
    if (updated.spec().has_configsource() &&
        !MessageDifferencer::Equals(updated.spec().configsource(), old.spec().configsource())) {
      return Forbidden(request, StrCat("node \"", node,
                                       "\" is not allowed to update configSource to a new "
                                       "non-nil configSource"));
    }
    if (!SameTaints(updated, old)) {
      return Forbidden(request, StrCat("node \"", node, "\" is not allowed to modify taints"));
    }
    std::vector<std::string> forbidden = ForbiddenNodeLabels(
        ModifiedLabels(updated.metadata().labels(), &old.metadata().labels()));
    if (!forbidden.empty()) {
      return Forbidden(request, StrCat("is not allowed to modify labels: ",
                                       StrJoin(forbidden, ", ")));
    }
  }
  return absl::OkStatus();
}

absl::Status NodeRestriction::AdmitToken(const std::string& node, const Request& request) const {
  if (request.operation != Operation::kCreate) return absl::OkStatus();
  const auto& token = static_cast<const k8s::authentication::v1::TokenRequest&>(*request.object);
  const auto& ref = token.spec().boundobjectref();
  if (!token.spec().has_boundobjectref() || ref.apiversion() != "v1" || ref.kind() != "Pod" ||
      ref.name().empty()) {
    return Forbidden(request, "node requested token not bound to a pod");
  }
  if (ref.uid().empty()) {
    return Forbidden(request, "node requested token with a pod binding without a uid");
  }
  absl::StatusOr<SharedObject> stored = pods_.GetCached(request.namespace_, ref.name());
  if (!stored.ok()) return stored.status();
  const auto& pod = static_cast<const Pod&>(**stored);
  if (pod.metadata().uid() != ref.uid()) {
    return Forbidden(request, StrCat("the UID in the bound object reference (", ref.uid(),
                                     ") does not match the UID in record. The object might have "
                                     "been deleted and then recreated"));
  }
  if (pod.spec().nodename() != node) {
    return Forbidden(request, "node requested token bound to a pod scheduled on a different node");
  }
  return absl::OkStatus();
}

}  // namespace kube::apiserver::admission
