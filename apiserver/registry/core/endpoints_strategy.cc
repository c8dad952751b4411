#include "apiserver/registry/core/endpoints_strategy.h"

#include <algorithm>

#include "apiserver/registry/core/field_path.h"
#include "apiserver/registry/core/ip_address.h"
#include "common/validation/names.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::EndpointAddress;
using k8s::core::v1::EndpointPort;

void ValidateAddress(const EndpointAddress& address, const std::string& path, api::FieldErrors& errors) {
  const std::string ip_path = Child(path, "ip");
  ValidateIp(address.ip(), ip_path, errors);
  if (!address.hostname().empty()) {
    for (const std::string& message : validation::IsDns1123Label(address.hostname())) {
      errors.push_back(api::Invalid(Child(path, "hostname"), address.hostname(), message));
    }
  }
  if (address.has_nodename()) {
    for (const std::string& message : validation::IsDns1123Subdomain(address.nodename())) {
      errors.push_back(api::Invalid(Child(path, "nodeName"), address.nodename(), message));
    }
  }
  if (validation::IsValidIp(address.ip()).empty()) {
    ValidateNonSpecialIp(address.ip(), ip_path, errors);
  } else {
    errors.push_back(api::Invalid(ip_path, address.ip(), "must be a valid IP address"));
  }
}

void ValidatePort(const EndpointPort& port, bool require_name, const std::string& path,
                  api::FieldErrors& errors) {
  if (require_name && port.name().empty()) {
    errors.push_back(api::Required(Child(path, "name")));
  } else if (!port.name().empty()) {
    for (const std::string& message : validation::IsDns1123Label(port.name())) {
      errors.push_back(api::Invalid(Child(path, "name"), port.name(), message));
    }
  }
  for (const std::string& message : validation::IsValidPortNumber(port.port())) {
    errors.push_back(api::InvalidNumber(Child(path, "port"), port.port(), message));
  }
  static const std::vector<std::string> kProtocols = {"SCTP", "TCP", "UDP"};
  if (port.protocol().empty()) {
    errors.push_back(api::Required(Child(path, "protocol")));
  } else if (std::find(kProtocols.begin(), kProtocols.end(), port.protocol()) == kProtocols.end()) {
    errors.push_back(api::NotSupported(Child(path, "protocol"), port.protocol(), kProtocols));
  }
  if (port.has_appprotocol()) {
    for (const std::string& message : validation::IsQualifiedName(port.appprotocol())) {
      errors.push_back(api::Invalid(Child(path, "appProtocol"), port.appprotocol(), message));
    }
  }
}

}  // namespace

api::FieldErrors EndpointsStrategy::Validate(const google::protobuf::Message& object) const {
  const auto& endpoints = static_cast<const k8s::core::v1::Endpoints&>(object);
  api::FieldErrors errors;
  for (int i = 0; i < endpoints.subsets_size(); ++i) {
    const auto& subset = endpoints.subsets(i);
    const std::string path = Index("subsets", i);
    if (subset.addresses().empty() && subset.notreadyaddresses().empty()) {
      errors.push_back(api::Required(path, "must specify `addresses` or `notReadyAddresses`"));
    }
    for (int a = 0; a < subset.addresses_size(); ++a) {
      ValidateAddress(subset.addresses(a), Index(Child(path, "addresses"), a), errors);
    }
    for (int a = 0; a < subset.notreadyaddresses_size(); ++a) {
      ValidateAddress(subset.notreadyaddresses(a), Index(Child(path, "notReadyAddresses"), a), errors);
    }
    for (int p = 0; p < subset.ports_size(); ++p) {
      ValidatePort(subset.ports(p), subset.ports_size() > 1, Index(Child(path, "ports"), p), errors);
    }
  }
  return errors;
}

}  // namespace kube::apiserver::core
