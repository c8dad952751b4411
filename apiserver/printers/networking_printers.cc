// The Ingress, IngressClass, NetworkPolicy (networking.k8s.io/v1) and EndpointSlice
// (discovery.k8s.io/v1) tables.

#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "apiserver/printers/printer_util.h"
#include "apiserver/printers/printers.h"
#include "k8s/discovery/v1/discovery.pb.h"
#include "k8s/networking/v1/networking.pb.h"

namespace kube::apiserver {
namespace {

using namespace printer_internal;
using k8s::discovery::v1::EndpointSlice;
using k8s::networking::v1::Ingress;
using k8s::networking::v1::IngressClass;
using k8s::networking::v1::NetworkPolicy;

// Lists show at most this many items, then "+ N more...".
constexpr size_t kMaxListed = 3;

// The first hosts of the rules that name one: "*" when none does.
std::string IngressHosts(const Ingress& ingress) {
  const auto& rules = ingress.spec().rules();
  std::vector<std::string> hosts;
  bool more = false;
  for (const auto& rule : rules) {
    if (hosts.size() == kMaxListed) more = true;
    if (!more && !rule.host().empty()) hosts.push_back(rule.host());
  }
  if (hosts.empty()) return "*";
  std::string listed = absl::StrJoin(hosts, ",");
  // Upstream counts every rule past the third, with a host or not.
  if (more) return absl::StrCat(listed, " + ", rules.size() - kMaxListed, " more...");
  return listed;
}

// Load-balancer IPs or hostnames, sorted and de-duplicated (never clipped: the
// server prints as -o wide does).
std::string IngressAddress(const Ingress& ingress) {
  std::set<std::string> addresses;
  for (const auto& point : ingress.status().loadbalancer().ingress()) {
    if (!point.ip().empty()) {
      addresses.insert(point.ip());
    } else if (!point.hostname().empty()) {
      addresses.insert(point.hostname());
    }
  }
  return absl::StrJoin(addresses, ",");
}

std::vector<TableCell> IngressRow(const Ingress& ingress, absl::Time now) {
  const auto& spec = ingress.spec();
  return {ingress.metadata().name(),
          spec.has_ingressclassname() ? spec.ingressclassname() : "<none>",
          IngressHosts(ingress),
          IngressAddress(ingress),
          spec.tls().empty() ? "80" : "80, 443",
          Age(ingress.metadata(), now)};
}

// "Kind.apiGroup/name", or "<none>".
std::vector<TableCell> IngressClassRow(const IngressClass& ingress_class, absl::Time now) {
  const auto& spec = ingress_class.spec();
  std::string parameters = "<none>";
  if (spec.has_parameters()) {
    const auto& reference = spec.parameters();
    parameters = reference.kind();
    if (reference.has_apigroup()) absl::StrAppend(&parameters, ".", reference.apigroup());
    absl::StrAppend(&parameters, "/", reference.name());
  }
  return {ingress_class.metadata().name(), spec.controller(), parameters,
          Age(ingress_class.metadata(), now)};
}

std::vector<TableCell> NetworkPolicyRow(const NetworkPolicy& policy, absl::Time now) {
  return {policy.metadata().name(), FormatLabelSelector(&policy.spec().podselector()),
          Age(policy.metadata(), now)};
}

// Upstream's listWithMoreString: "a,b,c + 2 more...", or "<unset>" when empty.
std::string ListWithMore(const std::vector<std::string>& listed, size_t count) {
  std::string text = absl::StrJoin(listed, ",");
  if (count > listed.size()) return absl::StrCat(text, " + ", count - kMaxListed, " more...");
  return text.empty() ? "<unset>" : text;
}

// Port numbers, else names, else "*".
std::string SlicePorts(const EndpointSlice& slice) {
  std::vector<std::string> listed;
  for (const auto& port : slice.ports()) {
    if (listed.size() == kMaxListed) break;
    if (port.has_port()) {
      listed.push_back(absl::StrCat(port.port()));
    } else if (port.has_name()) {
      listed.push_back(port.name());
    } else {
      listed.push_back("*");
    }
  }
  return ListWithMore(listed, slice.ports_size());
}

std::string SliceEndpoints(const EndpointSlice& slice) {
  std::vector<std::string> listed;
  size_t count = 0;
  for (const auto& endpoint : slice.endpoints()) {
    for (const std::string& address : endpoint.addresses()) {
      if (listed.size() < kMaxListed) listed.push_back(address);
      ++count;
    }
  }
  return ListWithMore(listed, count);
}

std::vector<TableCell> EndpointSliceRow(const EndpointSlice& slice, absl::Time now) {
  return {slice.metadata().name(), slice.addresstype(), SlicePorts(slice), SliceEndpoints(slice),
          Age(slice.metadata(), now)};
}

}  // namespace

std::unique_ptr<TablePrinter> NewIngressPrinter() {
  return MakePrinter<Ingress>(
      {
          NameColumn(),
          Column("Class", "string",
                 "The name of the IngressClass resource that should be used for additional "
                 "configuration"),
          Column("Hosts", "string",
                 "Hosts that incoming requests are matched against before the ingress rule"),
          Column("Address", "string",
                 "Address is a list containing ingress points for the load-balancer"),
          Column("Ports", "string", "Ports of TLS configurations that open"),
          AgeColumn(),
      },
      IngressRow);
}

std::unique_ptr<TablePrinter> NewIngressClassPrinter() {
  return MakePrinter<IngressClass>(
      {
          NameColumn(),
          Column("Controller", "string", "Controller that is responsible for handling this class"),
          Column("Parameters", "string", "A reference to a resource with additional parameters"),
          AgeColumn(),
      },
      IngressClassRow);
}

std::unique_ptr<TablePrinter> NewNetworkPolicyPrinter() {
  return MakePrinter<NetworkPolicy>(
      {
          NameColumn(),
          Column("Pod-Selector", "string",
                 "Selects the pods to which this NetworkPolicy object applies.  The array of "
                 "ingress rules is applied to any pods selected by this field. Multiple network "
                 "policies can select the same set of pods.  In this case, the ingress rules for "
                 "each are combined additively. This field is NOT optional and follows standard "
                 "label selector semantics. An empty podSelector matches all pods in this "
                 "namespace."),
          AgeColumn(),
      },
      NetworkPolicyRow);
}

std::unique_ptr<TablePrinter> NewEndpointSlicePrinter() {
  return MakePrinter<EndpointSlice>(
      {
          NameColumn(),
          Column("AddressType", "string",
                 "addressType specifies the type of address carried by this EndpointSlice. All "
                 "addresses in this slice must be the same type. This field is immutable after "
                 "creation. The following address types are currently supported: * IPv4: "
                 "Represents an IPv4 Address. * IPv6: Represents an IPv6 Address. * FQDN: "
                 "Represents a Fully Qualified Domain Name. (Deprecated) The EndpointSlice "
                 "controller only generates, and kube-proxy only processes, slices of "
                 "addressType \"IPv4\" and \"IPv6\". No semantics are defined for the \"FQDN\" "
                 "type."),
          Column("Ports", "string",
                 "ports specifies the list of network ports exposed by each endpoint in this "
                 "slice. Each port must have a unique name. Each slice may include a maximum of "
                 "100 ports. Services always have at least 1 port, so EndpointSlices generated "
                 "by the EndpointSlice controller will likewise always have at least 1 port. "
                 "EndpointSlices used for other purposes may have an empty ports list."),
          Column("Endpoints", "string",
                 "endpoints is a list of unique endpoints in this slice. Each slice may include "
                 "a maximum of 1000 endpoints."),
          AgeColumn(),
      },
      EndpointSliceRow);
}

}  // namespace kube::apiserver
