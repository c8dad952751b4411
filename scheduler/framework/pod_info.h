#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "k8s/core/v1/core.pb.h"
#include "scheduler/framework/resource.h"

namespace kube::scheduler::framework {

// One host port a pod asks for. An empty or "0.0.0.0" ip means every address.
struct HostPort {
  std::string ip;
  std::string protocol;  // TCP (default), UDP or SCTP
  int32_t port = 0;

  friend bool operator==(const HostPort&, const HostPort&) = default;
};

// A pod with what the scheduler computes from it once: its effective requests and
// host ports (upstream's framework.PodInfo). Immutable after New; shared between
// the queue, the cache and snapshots.
struct PodInfo {
  std::shared_ptr<const k8s::core::v1::Pod> pod;
  // The pod's identity in the cache: its uid, or "namespace/name" without one.
  std::string key;
  // What the pod needs on a node: max(max(init containers), sum(containers) +
  // sidecars) + overhead, as upstream's resource.PodRequests.
  Resource requests;
  // The same with upstream's defaults for containers that request no cpu or memory
  // (100m, 200Mi), for scoring only.
  int64_t non_zero_milli_cpu = 0;
  int64_t non_zero_memory = 0;
  // Host ports of the containers (protocol and ip defaulted).
  std::vector<HostPort> host_ports;

  static std::shared_ptr<const PodInfo> New(std::shared_ptr<const k8s::core::v1::Pod> pod);
};

// The cache key of a pod: its uid, or "namespace/name" when it has none.
std::string PodKey(const k8s::core::v1::Pod& pod);

// Whether the pod has finished (Succeeded or Failed): it holds no resources.
bool PodTerminated(const k8s::core::v1::Pod& pod);

}  // namespace kube::scheduler::framework
