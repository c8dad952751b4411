#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "k8s/core/v1/core.pb.h"
#include "kubelet/node/machine_info.h"

namespace kube::kubelet {

// What the kubelet was told about its node (flags), constant for its lifetime.
struct NodeConfig {
  std::string node_name;
  std::map<std::string, std::string> labels;  // --node-labels
  std::string pod_cidr;                       // --pod-cidr; "" leaves spec.podCIDR alone
  int64_t max_pods = 110;
  int32_t kubelet_port = 10250;
  std::string runtime_version;  // "containerd://1.6.20"
};

// The Node object the kubelet registers: name, default and --node-labels, podCIDR,
// and a full status.
k8s::core::v1::Node NewNode(const NodeConfig& config, const MachineInfo& machine,
                            const absl::Status& runtime_ready, absl::Time now);

// Brings `node`'s labels up to what the kubelet owns (the defaults and
// --node-labels); true if anything changed.
bool ReconcileNodeLabels(const NodeConfig& config, k8s::core::v1::Node& node);

// Rewrites `status` from the machine and the runtime's readiness. Conditions keep
// their lastTransitionTime unless their status changes; every condition's
// lastHeartbeatTime becomes `now`.
void SetNodeStatus(const NodeConfig& config, const MachineInfo& machine,
                   const absl::Status& runtime_ready, absl::Time now,
                   k8s::core::v1::NodeStatus& status);

// Whether two statuses differ in more than their heartbeat times: a change worth
// writing before the next periodic report.
bool NodeStatusChanged(const k8s::core::v1::NodeStatus& old_status,
                       const k8s::core::v1::NodeStatus& new_status);

// The status of the Ready condition ("True", "False", "Unknown"; "" if absent).
std::string NodeReadyStatus(const k8s::core::v1::NodeStatus& status);

}  // namespace kube::kubelet
