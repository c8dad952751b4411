#include "controller-manager/servicelb/load_balancer_ingress.h"

#include <algorithm>

namespace kube::kcm::servicelb {
namespace {

bool Ready(const k8s::core::v1::Node& node) {
  for (const auto& condition : node.status().conditions()) {
    if (condition.type() == "Ready") return condition.status() == "True";
  }
  return false;
}

}  // namespace

std::vector<std::string> IngressAddresses(
    const k8s::core::v1::Service& service,
    const std::vector<std::shared_ptr<const k8s::core::v1::Node>>& nodes) {
  std::vector<std::string> ips;
  if (service.spec().type() != "LoadBalancer") return ips;
  for (const auto& node : nodes) {
    if (node->spec().unschedulable() || !Ready(*node)) continue;
    for (const auto& address : node->status().addresses()) {
      if (address.type() == "InternalIP" && !address.address().empty()) {
        ips.push_back(address.address());
      }
    }
  }
  std::sort(ips.begin(), ips.end());
  ips.erase(std::unique(ips.begin(), ips.end()), ips.end());
  return ips;
}

bool IngressMatches(const k8s::core::v1::Service& service, const std::vector<std::string>& ips) {
  const auto& ingress = service.status().loadbalancer().ingress();
  if (ingress.size() != static_cast<int>(ips.size())) return false;
  for (int i = 0; i < ingress.size(); ++i) {
    if (ingress[i].ip() != ips[i] || !ingress[i].hostname().empty()) return false;
  }
  return true;
}

}  // namespace kube::kcm::servicelb
