#pragma once

#include <memory>
#include <string>
#include <vector>

#include "k8s/core/v1/core.pb.h"

namespace kube::proxy::proxier {

enum class Protocol { kTcp, kUdp, kSctp };

// "tcp", "udp", "sctp": the spelling iptables and nft both take.
const char* ProtocolName(Protocol protocol);

// One ready endpoint of a service port: where traffic is DNAT-ed to.
struct Endpoint {
  std::string ip;
  int port = 0;
  bool is_local = false;  // its nodeName is this node

  bool operator==(const Endpoint&) const = default;
};

// One port of one Service, with everything the backends need and nothing else:
// the unit the rules are generated for (upstream's ServicePort + endpoints).
struct ServicePortInfo {
  std::string ns;
  std::string name;
  std::string port_name;  // the ServicePort's name; "" for an unnamed single port
  Protocol protocol = Protocol::kTcp;
  std::string cluster_ip;
  int port = 0;
  int node_port = 0;                         // 0: none
  std::vector<std::string> load_balancer_ips;  // status.loadBalancer.ingress[].ip
  std::vector<std::string> external_ips;       // spec.externalIPs
  bool external_policy_local = false;  // externalTrafficPolicy: Local (with external access)
  int affinity_timeout_seconds = 0;    // sessionAffinity ClientIP; 0: none
  std::vector<Endpoint> endpoints;     // ready endpoints, sorted and unique

  // "ns/name:port_name" (or "ns/name" when unnamed): the rule comments, and
  // the input of chain name hashes, as upstream.
  std::string ServicePortName() const;
  // Whether anything reaches it from outside the cluster network.
  bool HasExternal() const {
    return node_port != 0 || !load_balancer_ips.empty() || !external_ips.empty();
  }
  bool HasLocalEndpoints() const;

  bool operator==(const ServicePortInfo&) const = default;
};

// The whole desired state of one node, sorted by ServicePortName: two equal
// snapshots produce identical rules.
struct Snapshot {
  std::vector<ServicePortInfo> ports;

  bool operator==(const Snapshot&) const = default;
};

// Builds the snapshot from the informers' objects. Services without a cluster IP
// (headless, ExternalName) are skipped; endpoints are matched to service ports by
// port name and protocol, and only `subsets[].addresses` (ready) count.
// `node_name` decides which endpoints are local.
Snapshot BuildSnapshot(const std::vector<std::shared_ptr<const k8s::core::v1::Service>>& services,
                       const std::vector<std::shared_ptr<const k8s::core::v1::Endpoints>>& endpoints,
                       const std::string& node_name);

}  // namespace kube::proxy::proxier
