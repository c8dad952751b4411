#include "apiserver/registry/networking/networkpolicy_strategy.h"

#include "apiserver/registry/networking/networkpolicy_validation.h"
#include "k8s/networking/v1/networking.pb.h"

namespace kube::apiserver {
namespace {

using k8s::networking::v1::NetworkPolicy;
using k8s::networking::v1::NetworkPolicyPort;

void DefaultProtocols(google::protobuf::RepeatedPtrField<NetworkPolicyPort>& ports) {
  for (NetworkPolicyPort& port : ports) {
    if (!port.has_protocol()) port.set_protocol("TCP");
  }
}

}  // namespace

void NetworkPolicyStrategy::Default(google::protobuf::Message& object) const {
  auto& spec = *static_cast<NetworkPolicy&>(object).mutable_spec();
  for (auto& rule : *spec.mutable_ingress()) DefaultProtocols(*rule.mutable_ports());
  for (auto& rule : *spec.mutable_egress()) DefaultProtocols(*rule.mutable_ports());
  if (spec.policytypes().empty()) {
    // Every policy isolates ingress; egress only when it says something about it.
    spec.add_policytypes("Ingress");
    if (!spec.egress().empty()) spec.add_policytypes("Egress");
  }
}

api::FieldErrors NetworkPolicyStrategy::Validate(const google::protobuf::Message& object) const {
  return networking::ValidateNetworkPolicySpec(static_cast<const NetworkPolicy&>(object).spec());
}

}  // namespace kube::apiserver
