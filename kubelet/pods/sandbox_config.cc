#include "kubelet/pods/sandbox_config.h"

#include <algorithm>

#include "common/util/strings.h"
#include "kubelet/container/labels.h"
#include "kubelet/qos/qos.h"

namespace kube::kubelet {
namespace {

void AppendUnique(std::vector<std::string>& list, const std::string& item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}

// Options by name ("ndots:5" is ndots): spec.dnsConfig's win.
void MergeOption(std::vector<std::string>& options, const std::string& option) {
  std::string name = option.substr(0, option.find(':'));
  for (std::string& existing : options) {
    if (existing.substr(0, existing.find(':')) == name) {
      existing = option;
      return;
    }
  }
  options.push_back(option);
}

}  // namespace

PodDns PodDnsConfig(const k8s::core::v1::Pod& pod, const DnsSettings& settings) {
  PodDns dns;
  std::string policy = pod.spec().dnspolicy();
  if (policy.empty()) policy = "ClusterFirst";
  if (policy == "ClusterFirstWithHostNet")
    policy = "ClusterFirst";
  else if (policy == "ClusterFirst" && pod.spec().hostnetwork())
    policy = "Default";
  if (policy == "ClusterFirst" && settings.cluster_dns.empty()) {
    dns.missing_cluster_dns = true;
    policy = "Default";
  }
  if (policy == "ClusterFirst") {
    dns.servers = settings.cluster_dns;
    if (!settings.cluster_domain.empty()) {
      const std::string& domain = settings.cluster_domain;
      dns.searches = {kube::StrCat(pod.metadata().namespace_(), ".svc.", domain),
                      kube::StrCat("svc.", domain), domain};
    }
    dns.options = {"ndots:5"};
  }
  if (pod.spec().has_dnsconfig()) {
    const auto& config = pod.spec().dnsconfig();
    for (const auto& server : config.nameservers()) AppendUnique(dns.servers, server);
    for (const auto& search : config.searches()) AppendUnique(dns.searches, search);
    for (const auto& option : config.options()) {
      MergeOption(dns.options, option.has_value() ? kube::StrCat(option.name(), ":", option.value())
                                                  : option.name());
    }
  }
  return dns;
}

std::string PodHostname(const k8s::core::v1::Pod& pod) {
  std::string hostname =
      pod.spec().hostname().empty() ? pod.metadata().name() : pod.spec().hostname();
  if (hostname.size() > 63) hostname.resize(63);
  while (!hostname.empty() && (hostname.back() == '-' || hostname.back() == '.')) {
    hostname.pop_back();
  }
  return hostname;
}

PodSandboxConfig MakeSandboxConfig(const k8s::core::v1::Pod& pod, uint32_t attempt,
                                   const std::string& log_directory, const PodDns& dns,
                                   const std::string& cgroup_root) {
  PodSandboxConfig config;
  config.name = pod.metadata().name();
  config.uid = pod.metadata().uid();
  config.namespace_ = pod.metadata().namespace_();
  config.attempt = attempt;
  config.hostname = pod.spec().hostnetwork() ? "" : PodHostname(pod);
  config.log_directory = log_directory;
  config.dns_servers = dns.servers;
  config.dns_searches = dns.searches;
  config.dns_options = dns.options;
  for (const auto& container : pod.spec().containers()) {
    for (const auto& port : container.ports()) {
      if (port.hostport() == 0) continue;
      PortMapping mapping;
      mapping.protocol = port.protocol().empty() ? "TCP" : port.protocol();
      mapping.container_port = port.containerport();
      mapping.host_port = port.hostport();
      mapping.host_ip = port.hostip();
      config.port_mappings.push_back(mapping);
    }
  }
  config.labels = SandboxLabels(pod);
  config.annotations.insert(pod.metadata().annotations().begin(),
                            pod.metadata().annotations().end());
  config.cgroup_parent = PodCgroupParent(QosOf(pod), pod.metadata().uid(), cgroup_root);
  config.host_network = pod.spec().hostnetwork();
  return config;
}

}  // namespace kube::kubelet
