#include "controller-manager/servicelb/load_balancer_ingress.h"

#include <catch2/catch.hpp>

namespace kube::kcm::servicelb {
namespace {

std::shared_ptr<const k8s::core::v1::Node> MakeNode(const std::string& ip, bool ready,
                                                    bool unschedulable = false) {
  auto node = std::make_shared<k8s::core::v1::Node>();
  auto* address = node->mutable_status()->add_addresses();
  address->set_type("InternalIP");
  address->set_address(ip);
  auto* hostname = node->mutable_status()->add_addresses();
  hostname->set_type("Hostname");
  hostname->set_address("node");
  auto* condition = node->mutable_status()->add_conditions();
  condition->set_type("Ready");
  condition->set_status(ready ? "True" : "False");
  node->mutable_spec()->set_unschedulable(unschedulable);
  return node;
}

TEST_CASE("a LoadBalancer Service's ingress is every ready node's InternalIP, sorted") {
  k8s::core::v1::Service service;
  service.mutable_spec()->set_type("LoadBalancer");
  std::vector<std::shared_ptr<const k8s::core::v1::Node>> nodes = {
      MakeNode("172.30.0.12", true), MakeNode("172.30.0.11", true), MakeNode("172.30.0.13", false),
      MakeNode("172.30.0.14", true, /*unschedulable=*/true)};
  std::vector<std::string> ips = IngressAddresses(service, nodes);
  CHECK(ips == std::vector<std::string>{"172.30.0.11", "172.30.0.12"});
  CHECK_FALSE(IngressMatches(service, ips));
  for (const std::string& ip : ips) {
    service.mutable_status()->mutable_loadbalancer()->add_ingress()->set_ip(ip);
  }
  CHECK(IngressMatches(service, ips));

  SECTION("a ClusterIP Service has none, so a stale list is cleared") {
    service.mutable_spec()->set_type("ClusterIP");
    CHECK(IngressAddresses(service, nodes).empty());
    CHECK_FALSE(IngressMatches(service, {}));
  }
}

}  // namespace
}  // namespace kube::kcm::servicelb
