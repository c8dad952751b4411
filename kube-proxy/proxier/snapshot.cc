#include "kube-proxy/proxier/snapshot.h"

#include <algorithm>
#include <map>

#include "absl/strings/ascii.h"
#include "common/util/strings.h"

namespace kube::proxy::proxier {
namespace {

using k8s::core::v1::EndpointSubset;
using k8s::core::v1::Endpoints;
using k8s::core::v1::Service;
using k8s::core::v1::ServicePort;

constexpr int kDefaultAffinityTimeoutSeconds = 10800;  // upstream's default (3 hours)

// An unknown protocol is nullopt-like: false, and the port is skipped.
bool ParseProtocol(const std::string& text, Protocol* out) {
  const std::string upper = absl::AsciiStrToUpper(text);
  if (upper.empty() || upper == "TCP") {
    *out = Protocol::kTcp;
  } else if (upper == "UDP") {
    *out = Protocol::kUdp;
  } else if (upper == "SCTP") {
    *out = Protocol::kSctp;
  } else {
    return false;
  }
  return true;
}

std::vector<Endpoint> ReadyEndpoints(const Endpoints* endpoints, const ServicePort& port,
                                     Protocol protocol, const std::string& node_name) {
  std::vector<Endpoint> out;
  if (endpoints == nullptr) return out;
  for (const EndpointSubset& subset : endpoints->subsets()) {
    for (const auto& endpoint_port : subset.ports()) {
      Protocol endpoint_protocol;
      if (endpoint_port.name() != port.name() ||
          !ParseProtocol(endpoint_port.protocol(), &endpoint_protocol) ||
          endpoint_protocol != protocol || endpoint_port.port() <= 0) {
        continue;
      }
      for (const auto& address : subset.addresses()) {
        if (address.ip().empty()) continue;
        out.push_back(Endpoint{address.ip(), endpoint_port.port(),
                               !node_name.empty() && address.nodename() == node_name});
      }
    }
  }
  auto key = [](const Endpoint& e) { return std::tie(e.ip, e.port); };
  std::sort(out.begin(), out.end(), [&](const Endpoint& a, const Endpoint& b) { return key(a) < key(b); });
  out.erase(std::unique(out.begin(), out.end(),
                        [&](const Endpoint& a, const Endpoint& b) { return key(a) == key(b); }),
            out.end());
  return out;
}

}  // namespace

const char* ProtocolName(Protocol protocol) {
  switch (protocol) {
    case Protocol::kTcp:
      return "tcp";
    case Protocol::kUdp:
      return "udp";
    case Protocol::kSctp:
      return "sctp";
  }
  return "tcp";
}

std::string ServicePortInfo::ServicePortName() const {
  return port_name.empty() ? StrCat(ns, "/", name) : StrCat(ns, "/", name, ":", port_name);
}

bool ServicePortInfo::HasLocalEndpoints() const {
  return std::any_of(endpoints.begin(), endpoints.end(), [](const Endpoint& e) { return e.is_local; });
}

Snapshot BuildSnapshot(const std::vector<std::shared_ptr<const Service>>& services,
                       const std::vector<std::shared_ptr<const Endpoints>>& endpoints,
                       const std::string& node_name) {
  std::map<std::string, const Endpoints*> endpoints_by_key;
  for (const auto& e : endpoints) {
    endpoints_by_key[StrCat(e->metadata().namespace_(), "/", e->metadata().name())] = e.get();
  }
  Snapshot snapshot;
  for (const auto& service : services) {
    const auto& spec = service->spec();
    if (spec.clusterip().empty() || spec.clusterip() == "None" || spec.type() == "ExternalName") {
      continue;
    }
    const std::string key = StrCat(service->metadata().namespace_(), "/", service->metadata().name());
    auto found = endpoints_by_key.find(key);
    const Endpoints* service_endpoints = found == endpoints_by_key.end() ? nullptr : found->second;
    for (const ServicePort& port : spec.ports()) {
      ServicePortInfo info;
      if (!ParseProtocol(port.protocol(), &info.protocol) || port.port() <= 0) continue;
      info.ns = service->metadata().namespace_();
      info.name = service->metadata().name();
      info.port_name = port.name();
      info.cluster_ip = spec.clusterip();
      info.port = port.port();
      if (spec.type() == "NodePort" || spec.type() == "LoadBalancer") info.node_port = port.nodeport();
      if (spec.type() == "LoadBalancer") {
        for (const auto& ingress : service->status().loadbalancer().ingress()) {
          if (!ingress.ip().empty()) info.load_balancer_ips.push_back(ingress.ip());
        }
      }
      info.external_ips.assign(spec.externalips().begin(), spec.externalips().end());
      info.external_policy_local = spec.externaltrafficpolicy() == "Local" && info.HasExternal();
      if (spec.sessionaffinity() == "ClientIP") {
        info.affinity_timeout_seconds = kDefaultAffinityTimeoutSeconds;
        const auto& client_ip = spec.sessionaffinityconfig().clientip();
        if (client_ip.has_timeoutseconds() && client_ip.timeoutseconds() > 0) {
          info.affinity_timeout_seconds = client_ip.timeoutseconds();
        }
      }
      info.endpoints = ReadyEndpoints(service_endpoints, port, info.protocol, node_name);
      snapshot.ports.push_back(std::move(info));
    }
  }
  std::sort(snapshot.ports.begin(), snapshot.ports.end(),
            [](const ServicePortInfo& a, const ServicePortInfo& b) {
              return std::make_tuple(a.ServicePortName(), a.protocol) <
                     std::make_tuple(b.ServicePortName(), b.protocol);
            });
  return snapshot;
}

}  // namespace kube::proxy::proxier
