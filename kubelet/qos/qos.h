#pragma once

#include <string>

#include "k8s/core/v1/core.pb.h"
#include "kubelet/runtime/runtime.h"

namespace kube::kubelet {

enum class QosClass {
  kGuaranteed,  // every container limits cpu and memory, and requests equal limits
  kBurstable,   // something requests or limits cpu or memory, but not as above
  kBestEffort,  // nothing requests or limits cpu or memory
};

// Upstream's ComputePodQOS over the spec (init and app containers).
QosClass ComputeQos(const k8s::core::v1::PodSpec& spec);
// The pod's class: status.qosClass when the apiserver set it, else computed.
QosClass QosOf(const k8s::core::v1::Pod& pod);
// "Guaranteed", "Burstable", "BestEffort".
std::string QosClassName(QosClass qos);

// The pod's cgroup under the kubelet's hierarchy (cgroupfs naming):
// <root>/kubepods/pod<uid>, <root>/kubepods/burstable/pod<uid>,
// <root>/kubepods/besteffort/pod<uid>. `cgroup_root` is --cgroup-root ("" or "/"
// for the top): several nodes on one machine each keep their pods apart, and a
// teardown can remove exactly the cgroups its node made.
std::string PodCgroupParent(QosClass qos, const std::string& pod_uid,
                            const std::string& cgroup_root = "");

// The container's limits as the runtime takes them: cpu shares from the cpu
// request (milli * 1024 / 1000, at least 2), a CFS quota from the cpu limit over a
// 100 ms period (at least 1 ms), and the memory limit.
LinuxResources ContainerLinuxResources(const k8s::core::v1::Container& container);

// A quantity of the container's requests or limits in milli-units (cpu) or units
// (memory); 0 when absent or unparsable.
int64_t MilliValue(const google::protobuf::Map<std::string, k8s::resource::Quantity>& list,
                   const std::string& name);
int64_t Value(const google::protobuf::Map<std::string, k8s::resource::Quantity>& list,
              const std::string& name);

}  // namespace kube::kubelet
