#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "k8s/core/v1/core.pb.h"
#include "scheduler/framework/pod_info.h"
#include "scheduler/framework/resource.h"

namespace kube::scheduler::framework {

// A node with the pods on it, confirmed and assumed, and what they add up to
// (upstream's framework.NodeInfo). A value type: the cache keeps one per node and
// snapshots copy it, which is cheap because pods and the node are shared
// immutable objects. Not thread-safe; snapshots are read-only while a cycle runs.
class NodeInfo {
 public:
  NodeInfo() = default;
  explicit NodeInfo(std::shared_ptr<const k8s::core::v1::Node> node) { SetNode(std::move(node)); }

  // nullptr while the cache knows pods on a node it has not seen yet.
  const k8s::core::v1::Node* node() const { return node_.get(); }
  const std::shared_ptr<const k8s::core::v1::Node>& shared_node() const { return node_; }
  const std::string& name() const { return name_; }
  void SetNode(std::shared_ptr<const k8s::core::v1::Node> node);
  void ClearNode() { node_.reset(); }

  void AddPod(std::shared_ptr<const PodInfo> pod);
  // False when no pod has that key.
  bool RemovePod(std::string_view key);
  const std::vector<std::shared_ptr<const PodInfo>>& pods() const { return pods_; }

  // From the node's status.allocatable.
  const Resource& allocatable() const { return allocatable_; }
  // The sum of the pods' requests.
  const Resource& requested() const { return requested_; }
  // The sum with scoring's defaults for pods that request nothing.
  int64_t non_zero_milli_cpu() const { return non_zero_milli_cpu_; }
  int64_t non_zero_memory() const { return non_zero_memory_; }
  // Whether a pod asking for `port` would collide with one already here: the same
  // protocol and port on the same address, or on either side the wildcard address.
  bool HostPortInUse(const HostPort& port) const;

  // Bumped on every change; snapshots copy nodes whose generation moved on.
  int64_t generation() const { return generation_; }
  void set_generation(int64_t generation) { generation_ = generation; }

 private:
  std::shared_ptr<const k8s::core::v1::Node> node_;
  std::string name_;
  std::vector<std::shared_ptr<const PodInfo>> pods_;
  Resource allocatable_;
  Resource requested_;
  int64_t non_zero_milli_cpu_ = 0;
  int64_t non_zero_memory_ = 0;
  std::vector<HostPort> used_ports_;
  int64_t generation_ = 0;
};

}  // namespace kube::scheduler::framework
