#include "apiserver/registry/core/service_validation.h"

#include <algorithm>
#include <set>

#include "apiserver/registry/core/container_validation.h"
#include "apiserver/registry/core/field_path.h"
#include "apiserver/registry/core/ip_address.h"
#include "apiserver/registry/core/service_defaults.h"
#include "apiserver/validation/object_meta_validation.h"
#include "common/util/strings.h"
#include "common/validation/names.h"

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::Service;
using k8s::core::v1::ServicePort;
using k8s::core::v1::ServiceSpec;

const std::vector<std::string> kProtocols = {"SCTP", "TCP", "UDP"};
const std::vector<std::string> kTypes = {"ClusterIP", "ExternalName", "LoadBalancer", "NodePort"};
const std::vector<std::string> kAffinities = {"ClientIP", "None"};
const std::vector<std::string> kTrafficPolicies = {"Cluster", "Local"};
const std::vector<std::string> kFamilies = {"IPv4", "IPv6"};
const std::vector<std::string> kFamilyPolicies = {"PreferDualStack", "RequireDualStack", "SingleStack"};

bool In(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// The list headless-ness is judged on, as upstream: clusterIPs == ["None"].
bool IsHeadlessList(const ServiceSpec& spec) {
  return spec.clusterips_size() == 1 && spec.clusterips(0) == "None";
}

std::string ClusterIPsValue(const ServiceSpec& spec) { return GoStringSlice(spec.clusterips()); }

void ValidatePort(const ServicePort& port, bool require_name, std::set<std::string>& names,
                  const std::string& path, api::FieldErrors& errors) {
  const std::string name_path = Child(path, "name");
  if (require_name && port.name().empty()) {
    errors.push_back(api::Required(name_path));
  } else if (!port.name().empty()) {
    for (const std::string& message : validation::IsDns1123Label(port.name())) {
      errors.push_back(api::Invalid(name_path, port.name(), message));
    }
    if (!names.insert(port.name()).second) errors.push_back(api::Duplicate(name_path, port.name()));
  }
  for (const std::string& message : validation::IsValidPortNumber(port.port())) {
    errors.push_back(api::InvalidNumber(Child(path, "port"), port.port(), message));
  }
  if (port.protocol().empty()) {
    errors.push_back(api::Required(Child(path, "protocol")));
  } else if (!In(kProtocols, port.protocol())) {
    errors.push_back(api::NotSupported(Child(path, "protocol"), port.protocol(), kProtocols));
  }
  ValidatePortNumOrName(port.targetport(), Child(path, "targetPort"), errors);
  if (port.has_appprotocol()) {
    for (const std::string& message : validation::IsQualifiedName(port.appprotocol())) {
      errors.push_back(api::Invalid(Child(path, "appProtocol"), port.appprotocol(), message));
    }
  }
}

// Go's %#v of the (protocol, port) key upstream reports duplicate ports with.
std::string ServicePortKey(const ServicePort& port) {
  return StrCat("core.ServicePort{Name:\"\", Protocol:", api::QuoteValue(port.protocol()),
                ", AppProtocol:(*string)(nil), Port:", port.port(),
                ", TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}");
}

void ValidatePortSet(const ServiceSpec& spec, api::FieldErrors& errors) {
  std::set<std::pair<std::string, int32_t>> node_ports;
  std::set<std::pair<std::string, int32_t>> ports;
  for (int i = 0; i < spec.ports_size(); ++i) {
    const ServicePort& port = spec.ports(i);
    const std::string path = Index("spec.ports", i);
    if (spec.type() == "ClusterIP" && port.nodeport() != 0) {
      errors.push_back(api::Forbidden(Child(path, "nodePort"), "may not be used when `type` is 'ClusterIP'"));
    }
    if (port.nodeport() != 0 && !node_ports.insert({port.protocol(), port.nodeport()}).second) {
      errors.push_back({api::FieldError::Type::kDuplicate, Child(path, "nodePort"),
                        std::to_string(port.nodeport()), ""});
    }
    if (!ports.insert({port.protocol(), port.port()}).second) {
      errors.push_back({api::FieldError::Type::kDuplicate, path, ServicePortKey(port), ""});
    }
  }
}

void ValidateClusterIPs(const ServiceSpec& spec, api::FieldErrors& errors) {
  const std::string field = "spec.clusterIPs";
  if (!spec.clusterip().empty()) {
    if (spec.clusterips().empty()) {
      errors.push_back(api::Required(field));
    } else if (spec.clusterips(0) != spec.clusterip()) {
      errors.push_back(InvalidRendered(field, ClusterIPsValue(spec), "first value must match `clusterIP`"));
    }
  } else if (!spec.clusterips().empty()) {
    errors.push_back(InvalidRendered(field, ClusterIPsValue(spec),
                                     "must be empty when `clusterIP` is not specified"));
  }
  std::set<std::string> families;
  for (int i = 0; i < spec.ipfamilies_size(); ++i) {
    const std::string& family = spec.ipfamilies(i);
    if (!In(kFamilies, family)) errors.push_back(api::NotSupported(Index("spec.ipFamilies", i), family, kFamilies));
    if (!families.insert(family).second) errors.push_back(api::Duplicate(Index("spec.ipFamilies", i), family));
  }
  if (spec.has_ipfamilypolicy() && !In(kFamilyPolicies, spec.ipfamilypolicy())) {
    errors.push_back(api::NotSupported("spec.ipFamilyPolicy", spec.ipfamilypolicy(), kFamilyPolicies));
  }
  bool invalid = false;
  for (int i = 0; i < spec.clusterips_size(); ++i) {
    const std::string& ip = spec.clusterips(i);
    if (i == 0 && ip == "None") {
      if (spec.clusterips_size() > 1) {
        invalid = true;
        errors.push_back(InvalidRendered(field, ClusterIPsValue(spec), "'None' must be the first and only value"));
      }
      continue;
    }
    size_t before = errors.size();
    ValidateIp(ip, Index(field, i), errors);
    invalid = invalid || errors.size() != before;
  }
  if (spec.clusterips_size() > 2) {
    errors.push_back(InvalidRendered(field, ClusterIPsValue(spec), "may only hold up to 2 values"));
  }
  if (invalid || IsHeadlessList(spec)) return;
  if (spec.clusterips_size() == 2 && IsIpv6(spec.clusterips(0)) == IsIpv6(spec.clusterips(1))) {
    errors.push_back(InvalidRendered(field, ClusterIPsValue(spec),
                                     "may specify no more than one IP for each IP family"));
  }
  for (int i = 0; i < spec.clusterips_size() && i < spec.ipfamilies_size(); ++i) {
    const bool v6 = IsIpv6(spec.clusterips(i));
    if (spec.ipfamilies(i) == "IPv4" && v6) {
      errors.push_back(api::Invalid(Index(field, i), spec.clusterips(i),
                                    StrCat("expected an IPv4 value as indicated by `ipFamilies[", i, "]`")));
    }
    if (spec.ipfamilies(i) == "IPv6" && !v6) {
      errors.push_back(api::Invalid(Index(field, i), spec.clusterips(i),
                                    StrCat("expected an IPv6 value as indicated by `ipFamilies[", i, "]`")));
    }
  }
}

void ValidateTypeSpecific(const Service& service, api::FieldErrors& errors) {
  const ServiceSpec& spec = service.spec();
  const bool headless = IsHeadlessList(spec);
  if (spec.type() == "LoadBalancer" && headless) {
    errors.push_back(api::Invalid("spec.clusterIPs[0]", spec.clusterips(0),
                                  "may not be set to 'None' for LoadBalancer services"));
  } else if (spec.type() == "NodePort" && headless) {
    errors.push_back(api::Invalid("spec.clusterIPs[0]", spec.clusterips(0),
                                  "may not be set to 'None' for NodePort services"));
  } else if (spec.type() == "ExternalName") {
    if (spec.clusterips_size() > 0) {
      errors.push_back(api::Forbidden("spec.clusterIPs", "may not be set for ExternalName services"));
    }
    if (spec.ipfamilies_size() > 0) {
      errors.push_back(api::Forbidden("spec.ipFamilies", "may not be set for ExternalName services"));
    }
    if (spec.has_ipfamilypolicy()) {
      errors.push_back(api::Forbidden("spec.ipFamilyPolicy", "may not be set for ExternalName services"));
    }
    std::string cname = spec.externalname();
    if (!cname.empty() && cname.back() == '.') cname.pop_back();  // a fully qualified name
    if (cname.empty()) {
      errors.push_back(api::Required("spec.externalName"));
    } else {
      for (const std::string& message : validation::IsDns1123Subdomain(cname)) {
        errors.push_back(api::Invalid("spec.externalName", cname, message));
      }
    }
  }
}

void ValidateAffinity(const ServiceSpec& spec, api::FieldErrors& errors) {
  if (spec.sessionaffinity().empty()) {
    errors.push_back(api::Required("spec.sessionAffinity"));
  } else if (!In(kAffinities, spec.sessionaffinity())) {
    errors.push_back(api::NotSupported("spec.sessionAffinity", spec.sessionaffinity(), kAffinities));
  }
  if (spec.sessionaffinity() == "ClientIP") {
    const auto& client_ip = spec.sessionaffinityconfig().clientip();
    if (!spec.has_sessionaffinityconfig() || !spec.sessionaffinityconfig().has_clientip() ||
        !client_ip.has_timeoutseconds()) {
      errors.push_back(api::Required("spec.sessionAffinityConfig.clientIP.timeoutSeconds"));
    } else if (client_ip.timeoutseconds() <= 0 || client_ip.timeoutseconds() > 86400) {
      errors.push_back(api::InvalidNumber("spec.sessionAffinityConfig.clientIP.timeoutSeconds",
                                          client_ip.timeoutseconds(),
                                          "must be greater than 0 and less than 86400"));
    }
  } else if (spec.sessionaffinity() == "None" && spec.has_sessionaffinityconfig()) {
    errors.push_back(api::Forbidden("spec.sessionAffinityConfig",
                                    "must not be set when session affinity is None"));
  }
}

void ValidateLoadBalancerFields(const ServiceSpec& spec, api::FieldErrors& errors) {
  const bool load_balancer = spec.type() == "LoadBalancer";
  constexpr char kOnlyLoadBalancer[] = "may only be used when `type` is 'LoadBalancer'";
  if (spec.loadbalancersourceranges_size() > 0) {
    const std::string field = "spec.LoadBalancerSourceRanges";
    if (!load_balancer) errors.push_back(api::Forbidden(field, kOnlyLoadBalancer));
    for (int i = 0; i < spec.loadbalancersourceranges_size(); ++i) {
      std::string value = spec.loadbalancersourceranges(i);
      value.erase(0, value.find_first_not_of(' '));
      value.erase(value.find_last_not_of(' ') + 1);
      ValidateCidr(value, Index(field, i), errors);
    }
  }
  if (spec.has_allocateloadbalancernodeports() && !load_balancer) {
    errors.push_back(api::Forbidden("spec.allocateLoadBalancerNodePorts", kOnlyLoadBalancer));
  }
  if (load_balancer && !spec.has_allocateloadbalancernodeports()) {
    errors.push_back(api::Required("allocateLoadBalancerNodePorts"));
  }
  if (spec.has_loadbalancerclass()) {
    if (!load_balancer) {
      errors.push_back(api::Forbidden("spec.loadBalancerClass", kOnlyLoadBalancer));
    } else {
      for (const std::string& message : validation::IsQualifiedName(spec.loadbalancerclass())) {
        errors.push_back(api::Invalid("spec.loadBalancerClass", spec.loadbalancerclass(), message));
      }
    }
  }
}

void ValidateTrafficPolicies(const Service& service, api::FieldErrors& errors) {
  const ServiceSpec& spec = service.spec();
  if (!ExternallyAccessible(service)) {
    if (!spec.externaltrafficpolicy().empty()) {
      errors.push_back(api::Invalid("spec.externalTrafficPolicy", spec.externaltrafficpolicy(),
                                    "may only be set for externally-accessible services"));
    }
  } else if (spec.externaltrafficpolicy().empty()) {
    errors.push_back(api::Required("spec.externalTrafficPolicy"));
  } else if (!In(kTrafficPolicies, spec.externaltrafficpolicy())) {
    errors.push_back(api::NotSupported("spec.externalTrafficPolicy", spec.externaltrafficpolicy(), kTrafficPolicies));
  }
  // A LoadBalancer with policy Local gets its health check port at allocation.
  if (!NeedsHealthCheckNodePort(service) && spec.healthchecknodeport() != 0) {
    errors.push_back(api::InvalidNumber(
        "spec.healthCheckNodePort", spec.healthchecknodeport(),
        "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  } else if (spec.healthchecknodeport() != 0) {
    for (const std::string& message : validation::IsValidPortNumber(spec.healthchecknodeport())) {
      errors.push_back(api::InvalidNumber("spec.healthCheckNodePort", spec.healthchecknodeport(), message));
    }
  }
  if (!spec.has_internaltrafficpolicy()) {
    if (spec.type() == "NodePort" || spec.type() == "LoadBalancer" || spec.type() == "ClusterIP") {
      errors.push_back(api::Required("spec.internalTrafficPolicy"));
    }
  } else if (!In(kTrafficPolicies, spec.internaltrafficpolicy())) {
    errors.push_back(api::NotSupported("spec.internalTrafficPolicy", spec.internaltrafficpolicy(), kTrafficPolicies));
  }
  if (spec.has_trafficdistribution() && spec.trafficdistribution() != "PreferClose") {
    errors.push_back(api::NotSupported("spec.trafficDistribution", spec.trafficdistribution(), {"PreferClose"}));
  }
}

// Upstream's validateUpgradeDowngradeClusterIPs, single-stack part.
void ValidateClusterIPsUpdate(const Service& service, const Service& old, api::FieldErrors& errors) {
  if (service.spec().type() == "ExternalName" || old.spec().type() == "ExternalName") return;
  const ServiceSpec& spec = service.spec();
  const ServiceSpec& old_spec = old.spec();
  if (IsHeadlessList(spec) && IsHeadlessList(old_spec)) return;
  const std::string value = ClusterIPsValue(spec);
  if (old_spec.clusterips_size() == spec.clusterips_size()) {
    for (int i = 0; i < old_spec.clusterips_size(); ++i) {
      if (old_spec.clusterips(i) != spec.clusterips(i)) {
        errors.push_back(InvalidRendered(Index("spec.clusterIPs", i), value, "may not change once set"));
      }
    }
  } else if (old_spec.clusterips_size() > spec.clusterips_size()) {
    if (spec.clusterips().empty()) {
      errors.push_back(InvalidRendered("spec.clusterIPs[0]", value, "primary clusterIP can not be unset"));
    } else if (spec.clusterips(0) != old_spec.clusterips(0)) {
      errors.push_back(InvalidRendered("spec.clusterIPs[0]", value, "may not change once set"));
    }
  } else if (!old_spec.clusterips().empty() && spec.clusterips(0) != old_spec.clusterips(0)) {
    errors.push_back(InvalidRendered("spec.clusterIPs[0]", value, "may not change once set"));
  }
}

}  // namespace

api::FieldErrors ValidateService(const Service& service) {
  api::FieldErrors errors;
  const ServiceSpec& spec = service.spec();
  if (spec.ports().empty() && !IsHeadlessList(spec) && spec.type() != "ExternalName") {
    errors.push_back(api::Required("spec.ports"));
  }
  ValidateTypeSpecific(service, errors);
  std::set<std::string> port_names;
  for (int i = 0; i < spec.ports_size(); ++i) {
    ValidatePort(spec.ports(i), spec.ports_size() > 1, port_names, Index("spec.ports", i), errors);
  }
  Append(errors, ValidateLabels(spec.selector(), "spec.selector"));
  ValidateAffinity(spec, errors);
  ValidateClusterIPs(spec, errors);
  for (int i = 0; i < spec.externalips_size(); ++i) {
    size_t before = errors.size();
    ValidateIp(spec.externalips(i), Index("spec.externalIPs", i), errors);
    if (errors.size() == before) ValidateNonSpecialIp(spec.externalips(i), Index("spec.externalIPs", i), errors);
  }
  if (spec.type().empty()) {
    errors.push_back(api::Required("spec.type"));
  } else if (!In(kTypes, spec.type())) {
    errors.push_back(api::NotSupported("spec.type", spec.type(), kTypes));
  }
  ValidatePortSet(spec, errors);
  ValidateLoadBalancerFields(spec, errors);
  ValidateTrafficPolicies(service, errors);
  return errors;
}

api::FieldErrors ValidateServiceUpdate(const Service& service, const Service& old) {
  api::FieldErrors errors;
  ValidateClusterIPsUpdate(service, old, errors);
  const ServiceSpec& spec = service.spec();
  const ServiceSpec& old_spec = old.spec();
  if (service.spec().type() != "ExternalName" && old.spec().type() != "ExternalName" &&
      IsHeadlessList(spec) == IsHeadlessList(old_spec) && !IsHeadlessList(spec) &&
      old_spec.ipfamilies_size() == spec.ipfamilies_size()) {
    for (int i = 0; i < spec.ipfamilies_size(); ++i) {
      if (spec.ipfamilies(i) != old_spec.ipfamilies(i)) {
        std::string families = GoStringSlice(spec.ipfamilies());
        families.replace(0, std::string("[]string").size(), "[]core.IPFamily");
        errors.push_back(InvalidRendered("spec.ipFamilies[0]", families, "may not change once set"));
      }
    }
  }
  if (spec.type() == "LoadBalancer" && old_spec.type() == "LoadBalancer" &&
      (spec.has_loadbalancerclass() != old_spec.has_loadbalancerclass() ||
       spec.loadbalancerclass() != old_spec.loadbalancerclass())) {
    errors.push_back(api::Invalid("spec.loadBalancerClass", spec.loadbalancerclass(), "may not change once set"));
  }
  if (NeedsHealthCheckNodePort(service) && NeedsHealthCheckNodePort(old) &&
      spec.healthchecknodeport() != old_spec.healthchecknodeport()) {
    errors.push_back(api::Forbidden("spec.healthCheckNodePort", "field is immutable"));
  }
  return errors;
}

}  // namespace kube::apiserver::core
