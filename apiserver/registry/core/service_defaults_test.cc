#include "apiserver/registry/core/service_defaults.h"

#include "apiserver/registry/core/core_test_util.h"

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::Service;
using testing::Parse;

TEST_CASE("service defaults") {
  Service service = Parse<Service>(R"(spec { ports { port: 80 } ports { port: 53 protocol: "UDP" targetPort { type: 1 strVal: "dns" } } })");
  DefaultService(service);
  const auto& spec = service.spec();
  CHECK(spec.type() == "ClusterIP");
  CHECK(spec.sessionaffinity() == "None");
  CHECK(spec.ports(0).protocol() == "TCP");
  CHECK(spec.ports(0).targetport().type() == 0);
  CHECK(spec.ports(0).targetport().intval() == 80);
  CHECK(spec.ports(1).protocol() == "UDP");
  CHECK(spec.ports(1).targetport().strval() == "dns");
  CHECK(spec.ipfamilypolicy() == "SingleStack");
  REQUIRE(spec.ipfamilies_size() == 1);
  CHECK(spec.ipfamilies(0) == "IPv4");
  CHECK(spec.internaltrafficpolicy() == "Cluster");
  CHECK(spec.externaltrafficpolicy().empty());
  CHECK_FALSE(spec.has_allocateloadbalancernodeports());
}

TEST_CASE("externally accessible and LoadBalancer defaults") {
  Service node_port = Parse<Service>(R"(spec { type: "NodePort" ports { port: 80 } })");
  DefaultService(node_port);
  CHECK(node_port.spec().externaltrafficpolicy() == "Cluster");
  Service lb = Parse<Service>(R"(spec { type: "LoadBalancer" ports { port: 80 } })");
  DefaultService(lb);
  CHECK(lb.spec().allocateloadbalancernodeports());
  Service affinity = Parse<Service>(R"(spec { sessionAffinity: "ClientIP" ports { port: 80 } })");
  DefaultService(affinity);
  CHECK(affinity.spec().sessionaffinityconfig().clientip().timeoutseconds() == 10800);
  Service external = Parse<Service>(R"(spec { type: "ExternalName" externalName: "example.com" })");
  DefaultService(external);
  CHECK(external.spec().ipfamilies().empty());
  CHECK_FALSE(external.spec().has_ipfamilypolicy());
}

TEST_CASE("clusterIP and clusterIPs are kept in step") {
  Service created = Parse<Service>(R"(spec { clusterIP: "10.0.0.7" })");
  NormalizeClusterIPs(created, nullptr);
  REQUIRE(created.spec().clusterips_size() == 1);
  CHECK(created.spec().clusterips(0) == "10.0.0.7");

  Service old = created;
  Service changed = created;
  changed.mutable_spec()->set_clusterip("10.0.0.8");
  NormalizeClusterIPs(changed, &old);
  CHECK(changed.spec().clusterips(0) == "10.0.0.8");
}

TEST_CASE("an update without allocated values keeps the old ones") {
  Service old = Parse<Service>(R"(spec { type: "NodePort" clusterIP: "10.0.0.7" clusterIPs: "10.0.0.7"
      ports { port: 80 protocol: "TCP" nodePort: 30080 } })");
  Service update = Parse<Service>(R"(spec { type: "NodePort" ports { port: 80 protocol: "TCP" } ports { port: 81 protocol: "TCP" } })");
  PatchAllocatedValues(update, old);
  CHECK(update.spec().clusterip() == "10.0.0.7");
  CHECK(update.spec().clusterips(0) == "10.0.0.7");
  CHECK(update.spec().ports(0).nodeport() == 30080);
  CHECK(update.spec().ports(1).nodeport() == 0);
}

TEST_CASE("changing the type drops what the new type does not use") {
  Service old = Parse<Service>(R"(spec { type: "LoadBalancer" clusterIP: "10.0.0.7" clusterIPs: "10.0.0.7"
      ipFamilies: "IPv4" ipFamilyPolicy: "SingleStack" externalTrafficPolicy: "Cluster"
      allocateLoadBalancerNodePorts: true ports { port: 80 protocol: "TCP" nodePort: 30080 } })");
  Service to_cluster_ip = old;
  to_cluster_ip.mutable_spec()->set_type("ClusterIP");
  DropTypeDependentFields(to_cluster_ip, old);
  CHECK(to_cluster_ip.spec().ports(0).nodeport() == 0);
  CHECK(to_cluster_ip.spec().externaltrafficpolicy().empty());
  CHECK_FALSE(to_cluster_ip.spec().has_allocateloadbalancernodeports());
  CHECK(to_cluster_ip.spec().clusterip() == "10.0.0.7");

  Service to_external = old;
  to_external.mutable_spec()->set_type("ExternalName");
  to_external.mutable_spec()->set_externalname("example.com");
  DropTypeDependentFields(to_external, old);
  CHECK(to_external.spec().clusterip().empty());
  CHECK(to_external.spec().clusterips().empty());
  CHECK(to_external.spec().ipfamilies().empty());
  CHECK_FALSE(to_external.spec().has_ipfamilypolicy());
}

}  // namespace
}  // namespace kube::apiserver::core
