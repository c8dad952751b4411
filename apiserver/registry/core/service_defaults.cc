#include "apiserver/registry/core/service_defaults.h"

#include <algorithm>
#include <set>

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::Service;
using k8s::core::v1::ServiceSpec;

bool SameClusterIPs(const ServiceSpec& a, const ServiceSpec& b) {
  if (a.clusterips_size() != b.clusterips_size()) return false;
  for (int i = 0; i < a.clusterips_size(); ++i) {
    if (a.clusterips(i) != b.clusterips(i)) return false;
  }
  return true;
}

std::set<int32_t> NodePorts(const ServiceSpec& spec) {
  std::set<int32_t> ports;
  for (const auto& port : spec.ports()) {
    if (port.nodeport() != 0) ports.insert(port.nodeport());
  }
  return ports;
}

}  // namespace

bool IsHeadless(const Service& service) { return service.spec().clusterip() == "None"; }

bool NeedsClusterIP(const Service& service) { return service.spec().type() != "ExternalName"; }

bool NeedsNodePorts(const Service& service) {
  const ServiceSpec& spec = service.spec();
  if (spec.type() == "NodePort") return true;
  return spec.type() == "LoadBalancer" &&
         (!spec.has_allocateloadbalancernodeports() || spec.allocateloadbalancernodeports());
}

bool NeedsHealthCheckNodePort(const Service& service) {
  return service.spec().type() == "LoadBalancer" &&
         service.spec().externaltrafficpolicy() == "Local";
}

bool ExternallyAccessible(const Service& service) {
  const ServiceSpec& spec = service.spec();
  return spec.type() == "LoadBalancer" || spec.type() == "NodePort" ||
         (spec.type() == "ClusterIP" && spec.externalips_size() > 0);
}

void DefaultService(Service& service) {
  ServiceSpec& spec = *service.mutable_spec();
  if (spec.sessionaffinity().empty()) spec.set_sessionaffinity("None");
  if (spec.sessionaffinity() == "ClientIP" && !spec.sessionaffinityconfig().clientip().has_timeoutseconds()) {
    spec.mutable_sessionaffinityconfig()->mutable_clientip()->set_timeoutseconds(10800);
  }
  if (spec.type().empty()) spec.set_type("ClusterIP");
  for (auto& port : *spec.mutable_ports()) {
    if (port.protocol().empty()) port.set_protocol("TCP");
    const auto& target = port.targetport();
    if ((target.type() == 0 && target.intval() == 0) || (target.type() == 1 && target.strval().empty())) {
      port.mutable_targetport()->set_type(0);
      port.mutable_targetport()->set_intval(port.port());
      port.mutable_targetport()->clear_strval();
    }
  }
  if (spec.type() != "ExternalName") {
    if (!spec.has_internaltrafficpolicy()) spec.set_internaltrafficpolicy("Cluster");
    if (!spec.has_ipfamilypolicy()) spec.set_ipfamilypolicy("SingleStack");
    if (spec.ipfamilies().empty()) spec.add_ipfamilies("IPv4");
  }
  if (ExternallyAccessible(service) && spec.externaltrafficpolicy().empty()) {
    spec.set_externaltrafficpolicy("Cluster");
  }
  if (spec.type() == "LoadBalancer" && !spec.has_allocateloadbalancernodeports()) {
    spec.set_allocateloadbalancernodeports(true);
  }
}

void NormalizeClusterIPs(Service& service, const Service* old) {
  ServiceSpec& spec = *service.mutable_spec();
  if (old == nullptr) {
    if (!spec.clusterip().empty() && spec.clusterips().empty()) spec.add_clusterips(spec.clusterip());
    return;
  }
  // Only the singular field changed: the client is an old one; follow it.
  if (old->spec().clusterip() != spec.clusterip() && SameClusterIPs(old->spec(), spec)) {
    if (spec.clusterip().empty()) {
      spec.clear_clusterips();
    } else if (spec.clusterips().empty()) {
      spec.add_clusterips(spec.clusterip());
    } else {
      spec.set_clusterips(0, spec.clusterip());
    }
  }
}

void PatchAllocatedValues(Service& service, const Service& old) {
  ServiceSpec& spec = *service.mutable_spec();
  const ServiceSpec& old_spec = old.spec();
  if (NeedsClusterIP(old) && NeedsClusterIP(service)) {
    if (spec.clusterip().empty()) spec.set_clusterip(old_spec.clusterip());
    if (spec.clusterips().empty() && !old_spec.clusterips().empty()) {
      *spec.mutable_clusterips() = old_spec.clusterips();
    }
  }
  if (NeedsNodePorts(old) && NeedsNodePorts(service)) {
    for (auto& port : *spec.mutable_ports()) {
      if (port.nodeport() != 0) continue;
      for (const auto& old_port : old_spec.ports()) {
        if (old_port.port() == port.port() && old_port.protocol() == port.protocol()) {
          port.set_nodeport(old_port.nodeport());
          break;
        }
      }
    }
  }
  if (NeedsHealthCheckNodePort(old) && NeedsHealthCheckNodePort(service) &&
      spec.healthchecknodeport() == 0) {
    spec.set_healthchecknodeport(old_spec.healthchecknodeport());
  }
}

void DropTypeDependentFields(Service& service, const Service& old) {
  ServiceSpec& spec = *service.mutable_spec();
  const ServiceSpec& old_spec = old.spec();
  if (NeedsClusterIP(old) && !NeedsClusterIP(service)) {
    if (spec.clusterip() == old_spec.clusterip() && SameClusterIPs(spec, old_spec)) {
      spec.clear_clusterip();
      spec.clear_clusterips();
    }
    if (spec.ipfamilies_size() == old_spec.ipfamilies_size() &&
        std::equal(spec.ipfamilies().begin(), spec.ipfamilies().end(), old_spec.ipfamilies().begin())) {
      spec.clear_ipfamilies();
    }
    if (spec.has_ipfamilypolicy() && old_spec.has_ipfamilypolicy() &&
        spec.ipfamilypolicy() == old_spec.ipfamilypolicy()) {
      spec.clear_ipfamilypolicy();
    }
  }
  if (NeedsNodePorts(old) && !NeedsNodePorts(service)) {
    std::set<int32_t> old_ports = NodePorts(old_spec);
    std::set<int32_t> new_ports = NodePorts(spec);
    if (std::includes(old_ports.begin(), old_ports.end(), new_ports.begin(), new_ports.end())) {
      for (auto& port : *spec.mutable_ports()) port.clear_nodeport();
    }
  }
  if (NeedsHealthCheckNodePort(old) && !NeedsHealthCheckNodePort(service) &&
      spec.healthchecknodeport() == old_spec.healthchecknodeport()) {
    spec.clear_healthchecknodeport();
  }
  if (old_spec.type() == "LoadBalancer" && spec.type() != "LoadBalancer") {
    if (spec.has_allocateloadbalancernodeports() && old_spec.has_allocateloadbalancernodeports() &&
        spec.allocateloadbalancernodeports() == old_spec.allocateloadbalancernodeports()) {
      spec.clear_allocateloadbalancernodeports();
    }
    if (spec.has_loadbalancerclass() && old_spec.has_loadbalancerclass() &&
        spec.loadbalancerclass() == old_spec.loadbalancerclass()) {
      spec.clear_loadbalancerclass();
    }
  }
  if (ExternallyAccessible(old) && !ExternallyAccessible(service) &&
      spec.externaltrafficpolicy() == old_spec.externaltrafficpolicy()) {
    spec.clear_externaltrafficpolicy();
  }
}

}  // namespace kube::apiserver::core
