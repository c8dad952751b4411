#include "scheduler/framework/node_info.h"

#include <algorithm>

namespace kube::scheduler::framework {
namespace {

bool IsWildcard(const std::string& ip) { return ip.empty() || ip == "0.0.0.0"; }

}  // namespace

void NodeInfo::SetNode(std::shared_ptr<const k8s::core::v1::Node> node) {
  name_ = node->metadata().name();
  allocatable_ = Resource::FromList(node->status().allocatable());
  node_ = std::move(node);
}

void NodeInfo::AddPod(std::shared_ptr<const PodInfo> pod) {
  requested_.Add(pod->requests);
  non_zero_milli_cpu_ += pod->non_zero_milli_cpu;
  non_zero_memory_ += pod->non_zero_memory;
  used_ports_.insert(used_ports_.end(), pod->host_ports.begin(), pod->host_ports.end());
  pods_.push_back(std::move(pod));
}

bool NodeInfo::RemovePod(std::string_view key) {
  auto it = std::find_if(pods_.begin(), pods_.end(),
                         [&](const std::shared_ptr<const PodInfo>& p) { return p->key == key; });
  if (it == pods_.end()) return false;
  const PodInfo& pod = **it;
  requested_.Sub(pod.requests);
  non_zero_milli_cpu_ -= pod.non_zero_milli_cpu;
  non_zero_memory_ -= pod.non_zero_memory;
  for (const HostPort& port : pod.host_ports) {
    auto used = std::find(used_ports_.begin(), used_ports_.end(), port);
    if (used != used_ports_.end()) used_ports_.erase(used);
  }
  pods_.erase(it);
  return true;
}

bool NodeInfo::HostPortInUse(const HostPort& port) const {
  for (const HostPort& used : used_ports_) {
    if (used.port != port.port || used.protocol != port.protocol) continue;
    if (IsWildcard(used.ip) || IsWildcard(port.ip) || used.ip == port.ip) return true;
  }
  return false;
}

}  // namespace kube::scheduler::framework
