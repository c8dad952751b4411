#include "controller-manager/endpoints/subsets.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <string>

#include "controller-manager/controller/pod_util.h"

namespace kube::kcm::endpoints {
namespace {

using k8s::core::v1::EndpointAddress;
using k8s::core::v1::EndpointPort;

constexpr int64_t kIntOrStringString = 1;

std::string ProtocolOf(const std::string& protocol) { return protocol.empty() ? "TCP" : protocol; }

EndpointAddress AddressOf(const k8s::core::v1::Pod& pod) {
  EndpointAddress address;
  address.set_ip(pod.status().podip());
  if (!pod.spec().nodename().empty()) address.set_nodename(pod.spec().nodename());
  auto* ref = address.mutable_targetref();
  ref->set_kind("Pod");
  ref->set_namespace_(pod.metadata().namespace_());
  ref->set_name(pod.metadata().name());
  ref->set_uid(pod.metadata().uid());
  return address;
}

struct Group {
  std::vector<EndpointPort> ports;
  std::vector<EndpointAddress> ready;
  std::vector<EndpointAddress> not_ready;
};

// Orders ports and gives each set of them a key.
std::string PortsKey(std::vector<EndpointPort>& ports) {
  std::sort(ports.begin(), ports.end(), [](const EndpointPort& a, const EndpointPort& b) {
    return std::make_tuple(a.name(), a.port(), a.protocol()) <
           std::make_tuple(b.name(), b.port(), b.protocol());
  });
  std::string key;
  for (const auto& port : ports) {
    key += port.name() + "/" + std::to_string(port.port()) + "/" + port.protocol() + ";";
  }
  return key;
}

void SortAddresses(google::protobuf::RepeatedPtrField<EndpointAddress>& addresses) {
  std::sort(addresses.begin(), addresses.end(),
            [](const EndpointAddress& a, const EndpointAddress& b) {
              return std::tie(a.ip(), a.targetref().name()) < std::tie(b.ip(), b.targetref().name());
            });
}

}  // namespace

std::optional<int32_t> ResolveTargetPort(const k8s::core::v1::ServicePort& port,
                                         const k8s::core::v1::Pod& pod) {
  if (!port.has_targetport()) return port.port();
  const auto& target = port.targetport();
  if (target.type() != kIntOrStringString) {
    return target.intval() != 0 ? target.intval() : port.port();
  }
  const std::string protocol = ProtocolOf(port.protocol());
  for (const auto& container : pod.spec().containers()) {
    for (const auto& container_port : container.ports()) {
      if (container_port.name() == target.strval() &&
          ProtocolOf(container_port.protocol()) == protocol) {
        return container_port.containerport();
      }
    }
  }
  return std::nullopt;
}

std::vector<k8s::core::v1::EndpointSubset> BuildSubsets(const k8s::core::v1::Service& service,
                                                        const std::vector<PodPtr>& pods) {
  const bool publish_not_ready = service.spec().publishnotreadyaddresses();
  std::map<std::string, Group> groups;
  for (const PodPtr& pod : pods) {
    if (pod->status().podip().empty()) continue;
    const std::string& phase = pod->status().phase();
    if (phase == "Succeeded" || phase == "Failed") continue;
    if (pod->metadata().has_deletiontimestamp() && !publish_not_ready) continue;

    std::vector<EndpointPort> ports;
    for (const auto& service_port : service.spec().ports()) {
      std::optional<int32_t> resolved = ResolveTargetPort(service_port, *pod);
      if (!resolved) continue;
      EndpointPort port;
      port.set_name(service_port.name());
      port.set_port(*resolved);
      port.set_protocol(ProtocolOf(service_port.protocol()));
      if (service_port.has_appprotocol()) port.set_appprotocol(service_port.appprotocol());
      ports.push_back(std::move(port));
    }
    // A service without ports still lists its pods' addresses.
    if (ports.empty() && service.spec().ports_size() > 0) continue;
    Group& group = groups[PortsKey(ports)];
    group.ports = ports;
    if (publish_not_ready || IsPodReady(*pod)) {
      group.ready.push_back(AddressOf(*pod));
    } else {
      group.not_ready.push_back(AddressOf(*pod));
    }
  }
  std::vector<k8s::core::v1::EndpointSubset> subsets;
  for (auto& [key, group] : groups) {
    k8s::core::v1::EndpointSubset subset;
    for (auto& address : group.ready) *subset.add_addresses() = std::move(address);
    for (auto& address : group.not_ready) *subset.add_notreadyaddresses() = std::move(address);
    for (auto& port : group.ports) *subset.add_ports() = std::move(port);
    SortAddresses(*subset.mutable_addresses());
    SortAddresses(*subset.mutable_notreadyaddresses());
    subsets.push_back(std::move(subset));
  }
  return subsets;
}

}  // namespace kube::kcm::endpoints
