#include "kube-proxy/proxier/snapshot.h"

#include <catch2/catch.hpp>

namespace kube::proxy::proxier {
namespace {

using k8s::core::v1::Endpoints;
using k8s::core::v1::Service;

std::shared_ptr<const Service> MakeService(const std::string& type = "ClusterIP") {
  auto service = std::make_shared<Service>();
  service->mutable_metadata()->set_namespace_("shop");
  service->mutable_metadata()->set_name("db");
  service->mutable_spec()->set_clusterip("10.96.1.1");
  service->mutable_spec()->set_type(type);
  auto* http = service->mutable_spec()->add_ports();
  http->set_name("http");
  http->set_port(80);
  http->mutable_targetport()->set_strval("web");  // named target port
  http->set_nodeport(30001);
  auto* dns = service->mutable_spec()->add_ports();
  dns->set_name("dns");
  dns->set_protocol("UDP");
  dns->set_port(53);
  return service;
}

std::shared_ptr<const Endpoints> MakeEndpoints() {
  auto endpoints = std::make_shared<Endpoints>();
  endpoints->mutable_metadata()->set_namespace_("shop");
  endpoints->mutable_metadata()->set_name("db");
  auto* subset = endpoints->add_subsets();
  auto* a = subset->add_addresses();
  a->set_ip("10.244.2.2");
  a->set_nodename("node-b");
  auto* b = subset->add_addresses();
  b->set_ip("10.244.1.1");
  b->set_nodename("node-a");
  subset->add_notreadyaddresses()->set_ip("10.244.3.3");
  auto* web = subset->add_ports();
  web->set_name("http");  // resolved from the pods' "web" port by the endpoints controller
  web->set_port(8080);
  web->set_protocol("TCP");
  auto* dns = subset->add_ports();
  dns->set_name("dns");
  dns->set_port(5353);
  dns->set_protocol("UDP");
  return endpoints;
}

}  // namespace

TEST_CASE("snapshot: ports matched by name, only ready addresses, local by nodeName",
          "[kube-proxy][proxier]") {
  Snapshot snapshot = BuildSnapshot({MakeService()}, {MakeEndpoints()}, "node-a");
  REQUIRE(snapshot.ports.size() == 2);
  const ServicePortInfo& dns = snapshot.ports[0];  // sorted by name: "shop/db:dns" first
  const ServicePortInfo& http = snapshot.ports[1];
  CHECK(dns.ServicePortName() == "shop/db:dns");
  CHECK(dns.protocol == Protocol::kUdp);
  REQUIRE(dns.endpoints.size() == 2);
  CHECK(dns.endpoints[0].port == 5353);
  CHECK(http.ServicePortName() == "shop/db:http");
  CHECK(http.cluster_ip == "10.96.1.1");
  CHECK(http.node_port == 0);  // ClusterIP type: a stray nodePort is ignored
  REQUIRE(http.endpoints.size() == 2);  // the not-ready 10.244.3.3 is left out
  CHECK(http.endpoints[0] == Endpoint{"10.244.1.1", 8080, true});
  CHECK(http.endpoints[1] == Endpoint{"10.244.2.2", 8080, false});
}

TEST_CASE("snapshot: NodePort, LoadBalancer ingress, affinity and traffic policy",
          "[kube-proxy][proxier]") {
  auto service = std::make_shared<Service>(*MakeService("LoadBalancer"));
  service->mutable_spec()->set_sessionaffinity("ClientIP");
  service->mutable_spec()->set_externaltrafficpolicy("Local");
  service->mutable_status()->mutable_loadbalancer()->add_ingress()->set_ip("192.168.1.10");
  Snapshot snapshot = BuildSnapshot({service}, {}, "node-a");
  const ServicePortInfo& http = snapshot.ports[1];
  CHECK(http.node_port == 30001);
  CHECK(http.load_balancer_ips == std::vector<std::string>{"192.168.1.10"});
  CHECK(http.affinity_timeout_seconds == 10800);  // upstream's default
  CHECK(http.external_policy_local);
  CHECK(http.endpoints.empty());  // no Endpoints object yet

  service->mutable_spec()->mutable_sessionaffinityconfig()->mutable_clientip()->set_timeoutseconds(60);
  CHECK(BuildSnapshot({service}, {}, "node-a").ports[1].affinity_timeout_seconds == 60);
}

TEST_CASE("snapshot: headless and ExternalName services are skipped, equal inputs, equal snapshots",
          "[kube-proxy][proxier]") {
  auto headless = std::make_shared<Service>(*MakeService());
  headless->mutable_spec()->set_clusterip("None");
  auto external = std::make_shared<Service>(*MakeService("ExternalName"));
  CHECK(BuildSnapshot({headless, external}, {MakeEndpoints()}, "n").ports.empty());
  CHECK(BuildSnapshot({MakeService()}, {MakeEndpoints()}, "n") ==
        BuildSnapshot({MakeService()}, {MakeEndpoints()}, "n"));
  CHECK(!(BuildSnapshot({MakeService()}, {MakeEndpoints()}, "node-a") ==
          BuildSnapshot({MakeService()}, {MakeEndpoints()}, "node-b")));
}

}  // namespace kube::proxy::proxier
