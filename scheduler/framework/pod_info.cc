#include "scheduler/framework/pod_info.h"

#include <algorithm>

#include "common/util/strings.h"

namespace kube::scheduler::framework {
namespace {

using k8s::core::v1::Container;
using k8s::core::v1::Pod;

// cpu and memory as scoring sees them: defaults stand in for missing requests.
struct NonZero {
  int64_t milli_cpu = 0;
  int64_t memory = 0;

  void Add(const NonZero& other) {
    milli_cpu += other.milli_cpu;
    memory += other.memory;
  }
  void SetMax(const NonZero& other) {
    milli_cpu = std::max(milli_cpu, other.milli_cpu);
    memory = std::max(memory, other.memory);
  }
};

NonZero NonZeroRequests(const Container& container) {
  const ResourceList& requests = container.resources().requests();
  NonZero out{kDefaultMilliCpuRequest, kDefaultMemoryRequest};
  if (auto it = requests.find(kCpu); it != requests.end()) out.milli_cpu = QuantityValue(kCpu, it->second);
  if (auto it = requests.find(kMemory); it != requests.end()) {
    out.memory = QuantityValue(kMemory, it->second);
  }
  return out;
}

bool IsSidecar(const Container& init_container) {
  return init_container.restartpolicy() == "Always";
}

// upstream's resource.PodRequests: containers run together; init containers run one
// at a time before them, each beside the sidecars (restartable init containers)
// started before it; sidecars keep running beside the app.
template <typename Amount, typename RequestsOf>
Amount EffectiveRequests(const Pod& pod, RequestsOf requests_of) {
  Amount app;
  for (const Container& container : pod.spec().containers()) app.Add(requests_of(container));
  Amount sidecars;
  Amount init_peak;
  for (const Container& init : pod.spec().initcontainers()) {
    Amount during = requests_of(init);
    if (IsSidecar(init)) {
      app.Add(during);
      sidecars.Add(during);
      during = sidecars;
    } else {
      during.Add(sidecars);
    }
    init_peak.SetMax(during);
  }
  app.SetMax(init_peak);
  return app;
}

}  // namespace

std::string PodKey(const Pod& pod) {
  if (!pod.metadata().uid().empty()) return pod.metadata().uid();
  return StrCat(pod.metadata().namespace_(), "/", pod.metadata().name());
}

bool PodTerminated(const Pod& pod) {
  return pod.status().phase() == "Succeeded" || pod.status().phase() == "Failed";
}

std::shared_ptr<const PodInfo> PodInfo::New(std::shared_ptr<const Pod> pod) {
  auto info = std::make_shared<PodInfo>();
  info->key = PodKey(*pod);
  info->requests = EffectiveRequests<Resource>(*pod, [](const Container& c) {
    return Resource::FromList(c.resources().requests());
  });
  NonZero non_zero = EffectiveRequests<NonZero>(*pod, NonZeroRequests);
  if (pod->spec().overhead_size() > 0) {
    Resource overhead = Resource::FromList(pod->spec().overhead());
    info->requests.Add(overhead);
    non_zero.milli_cpu += overhead.milli_cpu;
    non_zero.memory += overhead.memory;
  }
  info->non_zero_milli_cpu = non_zero.milli_cpu;
  info->non_zero_memory = non_zero.memory;
  for (const Container& container : pod->spec().containers()) {
    for (const auto& port : container.ports()) {
      if (port.hostport() <= 0) continue;
      info->host_ports.push_back(HostPort{
          port.hostip().empty() ? "0.0.0.0" : port.hostip(),
          port.protocol().empty() ? "TCP" : port.protocol(), port.hostport()});
    }
  }
  info->pod = std::move(pod);
  return info;
}

}  // namespace kube::scheduler::framework
