#include "controller-manager/endpoints/subsets.h"

#include <catch2/catch.hpp>

namespace kube::kcm::endpoints {
namespace {

using k8s::core::v1::Pod;
using k8s::core::v1::Service;

PodPtr MakePod(const std::string& name, const std::string& ip, bool ready, int es_port = 9200) {
  Pod pod;
  pod.mutable_metadata()->set_name(name);
  pod.mutable_metadata()->set_namespace_("default");
  pod.mutable_metadata()->set_uid("uid-" + name);
  pod.mutable_spec()->set_nodename("node-1");
  auto* container = pod.mutable_spec()->add_containers();
  container->set_name("es");
  auto* port = container->add_ports();
  port->set_name("es");
  port->set_containerport(es_port);
  pod.mutable_status()->set_podip(ip);
  pod.mutable_status()->set_phase("Running");
  auto* condition = pod.mutable_status()->add_conditions();
  condition->set_type("Ready");
  condition->set_status(ready ? "True" : "False");
  return std::make_shared<const Pod>(pod);
}

Service MakeService() {
  Service service;
  service.mutable_metadata()->set_name("es");
  service.mutable_metadata()->set_namespace_("default");
  (*service.mutable_spec()->mutable_selector())["app"] = "es";
  auto* port = service.mutable_spec()->add_ports();
  port->set_name("http");
  port->set_port(9200);
  port->mutable_targetport()->set_type(1);
  port->mutable_targetport()->set_strval("es");
  return service;
}

}  // namespace

TEST_CASE("BuildSubsets splits ready and not-ready pods", "[endpoints]") {
  auto subsets = BuildSubsets(MakeService(), {MakePod("b", "10.0.0.2", true),
                                              MakePod("a", "10.0.0.1", true),
                                              MakePod("c", "10.0.0.3", false)});
  REQUIRE(subsets.size() == 1);
  REQUIRE(subsets[0].addresses_size() == 2);
  CHECK(subsets[0].addresses(0).ip() == "10.0.0.1");  // sorted
  CHECK(subsets[0].addresses(0).targetref().kind() == "Pod");
  CHECK(subsets[0].addresses(0).targetref().name() == "a");
  CHECK(subsets[0].addresses(0).nodename() == "node-1");
  REQUIRE(subsets[0].notreadyaddresses_size() == 1);
  CHECK(subsets[0].notreadyaddresses(0).ip() == "10.0.0.3");
  REQUIRE(subsets[0].ports_size() == 1);
  CHECK(subsets[0].ports(0).port() == 9200);
  CHECK(subsets[0].ports(0).name() == "http");
  CHECK(subsets[0].ports(0).protocol() == "TCP");
}

TEST_CASE("BuildSubsets resolves a named targetPort per pod", "[endpoints]") {
  auto subsets =
      BuildSubsets(MakeService(), {MakePod("a", "10.0.0.1", true, 9200), MakePod("b", "10.0.0.2", true, 9201)});
  REQUIRE(subsets.size() == 2);
  CHECK(subsets[0].ports(0).port() == 9200);
  CHECK(subsets[0].addresses(0).ip() == "10.0.0.1");
  CHECK(subsets[1].ports(0).port() == 9201);
  CHECK(subsets[1].addresses(0).ip() == "10.0.0.2");
}

TEST_CASE("BuildSubsets skips pods without an IP, finished or terminating ones", "[endpoints]") {
  Pod no_ip = *MakePod("no-ip", "", true);
  Pod done = *MakePod("done", "10.0.0.5", false);
  done.mutable_status()->set_phase("Succeeded");
  Pod terminating = *MakePod("going", "10.0.0.6", true);
  terminating.mutable_metadata()->mutable_deletiontimestamp()->set_seconds(10);
  auto subsets = BuildSubsets(MakeService(), {std::make_shared<const Pod>(no_ip),
                                              std::make_shared<const Pod>(done),
                                              std::make_shared<const Pod>(terminating)});
  CHECK(subsets.empty());
}

TEST_CASE("ResolveTargetPort: numbers, unset and unknown names", "[endpoints]") {
  k8s::core::v1::ServicePort port;
  port.set_port(80);
  Pod pod = *MakePod("a", "10.0.0.1", true);
  CHECK(ResolveTargetPort(port, pod) == 80);
  port.mutable_targetport()->set_intval(8080);
  CHECK(ResolveTargetPort(port, pod) == 8080);
  port.mutable_targetport()->set_type(1);
  port.mutable_targetport()->set_strval("nosuch");
  CHECK_FALSE(ResolveTargetPort(port, pod).has_value());
}

TEST_CASE("BuildSubsets publishes not-ready pods when asked", "[endpoints]") {
  Service service = MakeService();
  service.mutable_spec()->set_publishnotreadyaddresses(true);
  auto subsets = BuildSubsets(service, {MakePod("c", "10.0.0.3", false)});
  REQUIRE(subsets.size() == 1);
  CHECK(subsets[0].addresses_size() == 1);
  CHECK(subsets[0].notreadyaddresses_size() == 0);
}

}  // namespace kube::kcm::endpoints
