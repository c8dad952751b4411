#include "apiserver/registry/networking/networkpolicy_validation.h"

#include <arpa/inet.h>

#include <array>
#include <optional>
#include <string>

#include "absl/strings/str_join.h"
#include "apiserver/registry/apps/field_checks.h"
#include "apiserver/registry/apps/label_selector_validation.h"
#include "apiserver/registry/core/field_path.h"
#include "apiserver/registry/core/ip_address.h"
#include "common/util/strings.h"
#include "common/validation/names.h"

namespace kube::apiserver::networking {
namespace {

using core::Child;
using core::Index;
using k8s::networking::v1::IPBlock;
using k8s::networking::v1::NetworkPolicyPeer;
using k8s::networking::v1::NetworkPolicyPort;
using k8s::networking::v1::NetworkPolicySpec;

// A parsed CIDR of either family: the address bytes (4 or 16) and prefix length.
struct Network {
  std::array<unsigned char, 16> bytes{};
  int size = 0;  // 4 or 16
  int prefix_length = 0;

  // Whether `address` (of `other`) lies inside this network.
  bool Contains(const Network& other) const {
    if (other.size != size) return false;
    for (int bit = 0; bit < prefix_length; ++bit) {
      const int mask = 0x80 >> (bit % 8);
      if ((bytes[bit / 8] & mask) != (other.bytes[bit / 8] & mask)) return false;
    }
    return true;
  }
};

std::optional<Network> ParseNetwork(const std::string& text) {
  const size_t slash = text.find('/');
  if (slash == std::string::npos || slash + 1 == text.size() || text.size() - slash > 4) {
    return std::nullopt;
  }
  const std::string length = text.substr(slash + 1);
  if (length.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  Network network;
  const std::string address = text.substr(0, slash);
  if (inet_pton(AF_INET, address.c_str(), network.bytes.data()) == 1) {
    network.size = 4;
  } else if (inet_pton(AF_INET6, address.c_str(), network.bytes.data()) == 1) {
    network.size = 16;
  } else {
    return std::nullopt;
  }
  network.prefix_length = std::stoi(length);
  if (network.prefix_length > network.size * 8) return std::nullopt;
  return network;
}

void CheckPort(const NetworkPolicyPort& port, const std::string& path, api::FieldErrors& errors) {
  if (port.has_protocol() && port.protocol() != "TCP" && port.protocol() != "UDP" &&
      port.protocol() != "SCTP") {
    errors.push_back(
        api::NotSupported(Child(path, "protocol"), port.protocol(), {"TCP", "UDP", "SCTP"}));
  }
  const std::string end_path = Child(path, "endPort");
  if (!port.has_port()) {
    if (port.has_endport()) {
      errors.push_back(api::InvalidNumber(end_path, port.endport(),
                                          "may not be specified when `port` is not specified"));
    }
    return;
  }
  const auto& value = port.port();
  if (value.type() == 0) {
    for (const std::string& message : validation::IsValidPortNumber(value.intval())) {
      errors.push_back(api::InvalidNumber(Child(path, "port"), value.intval(), message));
    }
    if (port.has_endport()) {
      if (port.endport() < value.intval()) {
        errors.push_back(api::InvalidNumber(end_path, port.endport(),
                                            "must be greater than or equal to `port`"));
      }
      for (const std::string& message : validation::IsValidPortNumber(port.endport())) {
        errors.push_back(api::InvalidNumber(end_path, port.endport(), message));
      }
    }
    return;
  }
  if (port.has_endport()) {
    errors.push_back(api::InvalidNumber(end_path, port.endport(),
                                        "may not be specified when `port` is non-numeric"));
  }
  for (const std::string& message : validation::IsValidPortName(value.strval())) {
    errors.push_back(api::Invalid(Child(path, "port"), value.strval(), message));
  }
}

void CheckIpBlock(const IPBlock& block, const std::string& path, api::FieldErrors& errors) {
  const std::string cidr_path = Child(path, "cidr");
  if (block.cidr().empty()) {
    errors.push_back(api::Required(cidr_path));
    return;
  }
  core::ValidateCidr(block.cidr(), cidr_path, errors);
  const std::optional<Network> network = ParseNetwork(block.cidr());
  if (!network) return;  // reported above
  for (int i = 0; i < block.except_size(); ++i) {
    const std::string& except = block.except(i);
    const std::string except_path = Index(Child(path, "except"), i);
    core::ValidateCidr(except, except_path, errors);
    const std::optional<Network> excluded = ParseNetwork(except);
    if (!excluded) continue;
    if (!network->Contains(*excluded) || network->prefix_length >= excluded->prefix_length) {
      errors.push_back(api::Invalid(except_path, except, "must be a strict subset of `cidr`"));
    }
  }
}

void CheckPeer(const NetworkPolicyPeer& peer, const std::string& path, api::FieldErrors& errors) {
  int peers = 0;
  if (peer.has_podselector()) {
    ++peers;
    Append(errors, ValidateLabelSelector(peer.podselector(), Child(path, "podSelector")));
  }
  if (peer.has_namespaceselector()) {
    ++peers;
    Append(errors,
           ValidateLabelSelector(peer.namespaceselector(), Child(path, "namespaceSelector")));
  }
  if (peer.has_ipblock()) {
    ++peers;
    CheckIpBlock(peer.ipblock(), Child(path, "ipBlock"), errors);
  }
  if (peers == 0) {
    errors.push_back(api::Required(path, "must specify a peer"));
  } else if (peers > 1 && peer.has_ipblock()) {
    errors.push_back(api::Forbidden(path, "may not specify both ipBlock and another peer"));
  }
}

// The ports and peers of one ingress or egress rule.
template <typename Rule>
void CheckRule(const Rule& rule, const google::protobuf::RepeatedPtrField<NetworkPolicyPeer>& peers,
               const std::string& path, const char* peers_name, api::FieldErrors& errors) {
  for (int i = 0; i < rule.ports_size(); ++i) {
    CheckPort(rule.ports(i), Index(Child(path, "ports"), i), errors);
  }
  for (int i = 0; i < peers.size(); ++i) {
    CheckPeer(peers.Get(i), Index(Child(path, peers_name), i), errors);
  }
}

}  // namespace

api::FieldErrors ValidateNetworkPolicySpec(const NetworkPolicySpec& spec) {
  api::FieldErrors errors = ValidateLabelSelector(spec.podselector(), "spec.podSelector");
  for (int i = 0; i < spec.ingress_size(); ++i) {
    CheckRule(spec.ingress(i), spec.ingress(i).from(), Index("spec.ingress", i), "from", errors);
  }
  for (int i = 0; i < spec.egress_size(); ++i) {
    CheckRule(spec.egress(i), spec.egress(i).to(), Index("spec.egress", i), "to", errors);
  }
  if (spec.policytypes_size() > 2) {
    // Upstream renders the list as JSON.
    std::vector<std::string> quoted;
    for (const std::string& type : spec.policytypes()) quoted.push_back(api::QuoteValue(type));
    errors.push_back({api::FieldError::Type::kInvalid, "spec.policyTypes",
                      StrCat("[", absl::StrJoin(quoted, ","), "]"),
                      "may not specify more than two policyTypes"});
    return errors;
  }
  for (int i = 0; i < spec.policytypes_size(); ++i) {
    const std::string& type = spec.policytypes(i);
    if (type != "Ingress" && type != "Egress") {
      errors.push_back(
          api::NotSupported(Index("spec.policyTypes", i), type, {"Ingress", "Egress"}));
    }
  }
  return errors;
}

}  // namespace kube::apiserver::networking
