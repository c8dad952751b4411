#pragma once

#include "apiserver/admission/admission.h"
#include "apiserver/generic/store.h"

namespace kube::apiserver::admission {

// Upstream's NodeRestriction admission plugin: what a kubelet (user
// "system:node:<name>" in system:nodes) may write, beyond what the Node authorizer
// lets it ask. Its own Node only, without changing its taints or labels under
// node-restriction.kubernetes.io/ or unknown kubernetes.io / k8s.io prefixes; only
// mirror pods bound to and owned by itself, referencing no other object; status and
// deletes of its own pods only; its own Lease and CSINode; tokens only bound to a
// pod on itself. Refusals are 403s worded as upstream's. Thread-safe.
class NodeRestriction final : public Plugin {
 public:
  // The stores (not owned) outlive the plugin.
  NodeRestriction(const Store& pods, const Store& nodes) : pods_(pods), nodes_(nodes) {}

  absl::Status Validate(const Request& request) const override;

 private:
  absl::Status AdmitPod(const std::string& node, const Request& request) const;
  absl::Status AdmitMirrorPod(const std::string& node, const Request& request) const;
  absl::Status AdmitNode(const std::string& node, const Request& request) const;
  absl::Status AdmitToken(const std::string& node, const Request& request) const;

  const Store& pods_;
  const Store& nodes_;
};

// The labels a kubelet may not set on its Node (upstream's getForbiddenLabels):
// those under node-restriction.kubernetes.io/ and under kubernetes.io or k8s.io
// outside the kubelet's own set (kubernetes.io/hostname, topology.kubernetes.io/zone,
// node.kubernetes.io/..., kubelet.kubernetes.io/..., ...). Sorted.
std::vector<std::string> ForbiddenNodeLabels(const std::vector<std::string>& keys);

}  // namespace kube::apiserver::admission
