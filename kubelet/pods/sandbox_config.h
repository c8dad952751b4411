#pragma once

#include <string>
#include <vector>

#include "k8s/core/v1/core.pb.h"
#include "kubelet/runtime/runtime.h"

namespace kube::kubelet {

// The kubelet's DNS settings (--cluster-dns, --cluster-domain).
struct DnsSettings {
  std::vector<std::string> cluster_dns;
  std::string cluster_domain;
};

struct PodDns {
  std::vector<std::string> servers;
  std::vector<std::string> searches;
  std::vector<std::string> options;
  // ClusterFirst was asked for but --cluster-dns is empty: the node's resolver is
  // used instead (worth a MissingClusterDNS event).
  bool missing_cluster_dns = false;
};

// The pod's resolver per its dnsPolicy (upstream's GetPodDNS). ClusterFirst:
// the cluster DNS servers, searching "<ns>.svc.<domain> svc.<domain> <domain>",
// options ndots:5; Default (and ClusterFirst under hostNetwork): nothing, so the
// runtime uses the node's resolv.conf; None: only spec.dnsConfig. spec.dnsConfig
// is merged in last.
PodDns PodDnsConfig(const k8s::core::v1::Pod& pod, const DnsSettings& settings);

// The sandbox for the pod's `attempt`: metadata, hostname, DNS, host port mappings,
// labels (the pod's plus the kubelet's), the pod's annotations, the QoS cgroup
// parent (under `cgroup_root`, --cgroup-root) and the log directory.
PodSandboxConfig MakeSandboxConfig(const k8s::core::v1::Pod& pod, uint32_t attempt,
                                   const std::string& log_directory, const PodDns& dns,
                                   const std::string& cgroup_root = "");

// The pod's hostname: spec.hostname, else the pod name (at most 63 characters).
std::string PodHostname(const k8s::core::v1::Pod& pod);

}  // namespace kube::kubelet
