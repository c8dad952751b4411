// The Service and Endpoints tables.

#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "apiserver/printers/printer_util.h"
#include "apiserver/printers/printers.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver {
namespace {

using namespace printer_internal;
using k8s::core::v1::Endpoints;
using k8s::core::v1::Service;

// The API defaults an empty type to ClusterIP.
std::string ServiceType(const Service& service) {
  return service.spec().type().empty() ? "ClusterIP" : service.spec().type();
}

// Load-balancer ingress points: IPs or hostnames, sorted and de-duplicated.
std::vector<std::string> LoadBalancerAddresses(const Service& service) {
  std::set<std::string> addresses;
  for (const auto& ingress : service.status().loadbalancer().ingress()) {
    if (!ingress.ip().empty()) {
      addresses.insert(ingress.ip());
    } else if (!ingress.hostname().empty()) {
      addresses.insert(ingress.hostname());
    }
  }
  return {addresses.begin(), addresses.end()};
}

std::string ExternalIP(const Service& service) {
  const auto& external_ips = service.spec().externalips();
  const std::string type = ServiceType(service);
  if (type == "ClusterIP" || type == "NodePort") {
    return external_ips.empty() ? "<none>" : absl::StrJoin(external_ips, ",");
  }
  if (type == "LoadBalancer") {
    std::vector<std::string> addresses = LoadBalancerAddresses(service);
    addresses.insert(addresses.end(), external_ips.begin(), external_ips.end());
    return addresses.empty() ? "<pending>" : absl::StrJoin(addresses, ",");
  }
  if (type == "ExternalName") return service.spec().externalname();
  return "<unknown>";
}

// "80/TCP", or "80:30080/TCP" with a node port; "<none>" without ports.
std::string Ports(const Service& service) {
  std::vector<std::string> pieces;
  for (const auto& port : service.spec().ports()) {
    const std::string protocol = port.protocol().empty() ? "TCP" : port.protocol();
    if (port.nodeport() > 0) {
      pieces.push_back(absl::StrCat(port.port(), ":", port.nodeport(), "/", protocol));
    } else {
      pieces.push_back(absl::StrCat(port.port(), "/", protocol));
    }
  }
  return pieces.empty() ? "<none>" : absl::StrJoin(pieces, ",");
}

std::string ClusterIP(const Service& service) {
  const auto& spec = service.spec();
  if (spec.clusterips_size() > 0) return spec.clusterips(0);
  return spec.clusterip().empty() ? "<none>" : spec.clusterip();
}

std::vector<TableCell> ServiceRow(const Service& service, absl::Time now) {
  return {service.metadata().name(),
          ServiceType(service),
          ClusterIP(service),
          ExternalIP(service),
          Ports(service),
          Age(service.metadata(), now),
          FormatLabels(service.spec().selector())};
}

// net.JoinHostPort: IPv6 addresses go in brackets.
std::string JoinHostPort(const std::string& host, int32_t port) {
  if (absl::StrContains(host, ':')) return absl::StrCat("[", host, "]:", port);
  return absl::StrCat(host, ":", port);
}

// "10.1.0.5:9200,10.1.0.6:9200,10.1.0.7:9200 + 2 more...": at most three shown.
std::string FormatEndpoints(const Endpoints& endpoints) {
  if (endpoints.subsets().empty()) return "<none>";
  constexpr int kMax = 3;
  std::vector<std::string> list;
  bool more = false;
  int count = 0;
  for (const auto& subset : endpoints.subsets()) {
    if (subset.ports().empty()) {
      // Headless services may have no ports.
      count += subset.addresses_size();
      for (const auto& address : subset.addresses()) {
        if (static_cast<int>(list.size()) == kMax) {
          more = true;
          break;
        }
        list.push_back(address.ip());
      }
      continue;
    }
    for (const auto& port : subset.ports()) {
      count += subset.addresses_size();
      for (const auto& address : subset.addresses()) {
        if (static_cast<int>(list.size()) == kMax) {
          more = true;
          break;
        }
        list.push_back(JoinHostPort(address.ip(), port.port()));
      }
    }
  }
  std::string text = absl::StrJoin(list, ",");
  if (more) absl::StrAppend(&text, " + ", count - kMax, " more...");
  return text;
}

std::vector<TableCell> EndpointsRow(const Endpoints& endpoints, absl::Time now) {
  return {endpoints.metadata().name(), FormatEndpoints(endpoints), Age(endpoints.metadata(), now)};
}

}  // namespace

std::unique_ptr<TablePrinter> NewServicePrinter() {
  return MakePrinter<Service>(
      {
          NameColumn(),
          Column("Type", "string", "How the Service is exposed."),
          Column("Cluster-IP", "string", "The IP address of the service."),
          Column("External-IP", "string",
                 "The addresses the service is reachable at outside the cluster."),
          Column("Port(s)", "string", "The ports exposed by this service."),
          AgeColumn(),
          Column("Selector", "string", "The labels of the pods traffic is routed to.", 1),
      },
      ServiceRow);
}

std::unique_ptr<TablePrinter> NewEndpointsPrinter() {
  return MakePrinter<Endpoints>(
      {
          NameColumn(),
          Column("Endpoints", "string", "The addresses and ports of the endpoints."),
          AgeColumn(),
      },
      EndpointsRow);
}

}  // namespace kube::apiserver
