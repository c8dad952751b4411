#include "apiserver/registry/discovery/endpointslice_validation.h"

#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "apiserver/registry/core/field_path.h"
#include "apiserver/registry/core/ip_address.h"
#include "common/validation/names.h"

namespace kube::apiserver::discovery {
namespace {

using core::Child;
using core::Index;
using k8s::discovery::v1::Endpoint;
using k8s::discovery::v1::EndpointPort;
using k8s::discovery::v1::EndpointSlice;

constexpr size_t kMaxEndpoints = 1000;
constexpr size_t kMaxAddresses = 100;
constexpr size_t kMaxPorts = 100;

// validation.IsFullyQualifiedDomainName: a subdomain of at least two labels; a
// trailing dot is allowed. Reports the first problem only, as upstream.
void CheckFqdn(const std::string& value, const std::string& field, api::FieldErrors& errors) {
  if (value.empty()) {
    errors.push_back(api::Required(field));
    return;
  }
  std::string name = absl::EndsWith(value, ".") ? value.substr(0, value.size() - 1) : value;
  if (auto messages = validation::IsDns1123Subdomain(name); !messages.empty()) {
    errors.push_back(api::Invalid(field, name, absl::StrJoin(messages, ",")));
    return;
  }
  std::vector<std::string> labels = absl::StrSplit(name, '.');
  if (labels.size() < 2) {
    errors.push_back(api::Invalid(
        field, name, "should be a domain with at least two segments separated by dots"));
    return;
  }
  for (const std::string& label : labels) {
    if (auto messages = validation::IsDns1123Label(label); !messages.empty()) {
      errors.push_back(api::Invalid(field, label, absl::StrJoin(messages, ",")));
      return;
    }
  }
}

void CheckAddress(const std::string& address, const std::string& type, const std::string& field,
                  api::FieldErrors& errors) {
  if (type == "IPv4" || type == "IPv6") {
    const bool v4 = core::ParseIpv4(address).has_value();
    const bool matches = type == "IPv4" ? v4 : !v4 && core::IsIpv6(address);
    if (!matches) {
      errors.push_back(api::Invalid(field, address, "must be a valid " + type + " address"));
      return;
    }
    core::ValidateNonSpecialIp(address, field, errors);
  } else if (type == "FQDN") {
    CheckFqdn(address, field, errors);
  }
  // Unknown types are reported on addressType; their addresses are not checked.
}

void CheckEndpoint(const Endpoint& endpoint, const std::string& type, const std::string& path,
                   api::FieldErrors& errors) {
  const std::string addresses_path = Child(path, "addresses");
  if (endpoint.addresses().empty()) {
    errors.push_back(api::Required(addresses_path, "must contain at least 1 address"));
  } else if (static_cast<size_t>(endpoint.addresses_size()) > kMaxAddresses) {
    errors.push_back(api::TooMany(addresses_path, endpoint.addresses_size(), kMaxAddresses));
  }
  for (int i = 0; i < endpoint.addresses_size(); ++i) {
    CheckAddress(endpoint.addresses(i), type, Index(addresses_path, i), errors);
  }
  if (endpoint.has_hostname()) {
    for (const std::string& message : validation::IsDns1123Label(endpoint.hostname())) {
      errors.push_back(api::Invalid(Child(path, "hostname"), endpoint.hostname(), message));
    }
  }
  if (endpoint.has_nodename()) {
    for (const std::string& message : validation::IsDns1123Subdomain(endpoint.nodename())) {
      errors.push_back(api::Invalid(Child(path, "nodeName"), endpoint.nodename(), message));
    }
  }
}

void CheckPorts(const EndpointSlice& slice, api::FieldErrors& errors) {
  if (static_cast<size_t>(slice.ports_size()) > kMaxPorts) {
    errors.push_back(api::TooMany("ports", slice.ports_size(), kMaxPorts));
    return;
  }
  std::set<std::string> names;
  for (int i = 0; i < slice.ports_size(); ++i) {
    const EndpointPort& port = slice.ports(i);
    const std::string path = Index("ports", i);
    const std::string& name = port.name();  // defaulted to "" when absent
    if (!name.empty()) {
      for (const std::string& message : validation::IsDns1123Label(name)) {
        errors.push_back(api::Invalid(Child(path, "name"), name, message));
      }
    }
    if (!names.insert(name).second) errors.push_back(api::Duplicate(Child(path, "name"), name));
    if (!port.has_protocol()) {
      errors.push_back(api::Required(Child(path, "protocol")));
    } else if (port.protocol() != "TCP" && port.protocol() != "UDP" && port.protocol() != "SCTP") {
      errors.push_back(
          api::NotSupported(Child(path, "protocol"), port.protocol(), {"SCTP", "TCP", "UDP"}));
    }
    if (port.has_appprotocol()) {
      for (const std::string& message : validation::IsQualifiedName(port.appprotocol())) {
        errors.push_back(api::Invalid(Child(path, "appProtocol"), port.appprotocol(), message));
      }
    }
  }
}

}  // namespace

api::FieldErrors ValidateEndpointSlice(const EndpointSlice& slice) {
  api::FieldErrors errors;
  const std::string& type = slice.addresstype();
  if (type.empty()) {
    errors.push_back(api::Required("addressType"));
  } else if (type != "IPv4" && type != "IPv6" && type != "FQDN") {
    errors.push_back(api::NotSupported("addressType", type, {"FQDN", "IPv4", "IPv6"}));
  }
  if (static_cast<size_t>(slice.endpoints_size()) > kMaxEndpoints) {
    errors.push_back(api::TooMany("endpoints", slice.endpoints_size(), kMaxEndpoints));
  } else {
    for (int i = 0; i < slice.endpoints_size(); ++i) {
      CheckEndpoint(slice.endpoints(i), type, Index("endpoints", i), errors);
    }
  }
  CheckPorts(slice, errors);
  return errors;
}

}  // namespace kube::apiserver::discovery
