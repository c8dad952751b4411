#pragma once

#include <string>
#include <vector>

#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::node {

// A namespaced object's name and namespace.
struct ObjectName {
  std::string namespace_;
  std::string name;
  auto operator<=>(const ObjectName&) const = default;
};

// What a pod bound to a node lets that node's kubelet read (upstream's graph
// edges into a pod vertex): its ServiceAccount, and every Secret, ConfigMap and
// PersistentVolumeClaim its spec names, all in the pod's namespace.
struct PodReferences {
  std::string node;  // spec.nodeName; "" while unscheduled
  std::string service_account;
  std::vector<std::string> secrets;
  std::vector<std::string> config_maps;
  std::vector<std::string> claims;
};

// Every reference upstream's podutil visitors find: image pull secrets, env and
// envFrom of every (init, ephemeral) container, and secret, configMap, projected,
// persistentVolumeClaim, ephemeral (the claim "<pod>-<volume>") and the secretRefs
// of the in-tree and CSI volume sources. Sorted, without duplicates.
PodReferences ReferencesOf(const k8s::core::v1::Pod& pod);

// What a PersistentVolume lets a node read once a pod there uses its claim: the
// claim it is bound to and the secrets its source names (CSI publish, stage and
// expand secrets, the in-tree secretRefs; a LocalObjectReference-free source
// names its namespace itself).
struct VolumeReferences {
  ObjectName claim;  // spec.claimRef; empty name while unbound
  std::vector<ObjectName> secrets;
};
VolumeReferences ReferencesOf(const k8s::core::v1::PersistentVolume& volume);

}  // namespace kube::apiserver::node
