#include <catch2/catch.hpp>
#include <string>

#include "apiserver/printers/printer_testing.h"
#include "apiserver/printers/printers.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver {
namespace {

using testing::CellOf;
using testing::kNow;
using testing::Parse;

TEST_CASE("Service TYPE, CLUSTER-IP, EXTERNAL-IP and PORT(S)", "[printers]") {
  struct Case {
    const char* name;
    std::string spec_and_status;  // text format
    const char* type;
    const char* cluster_ip;
    const char* external_ip;
    const char* ports;
  };
  const Case cases[] = {
      {"cluster IP",
       "spec { type: 'ClusterIP' clusterIP: '10.0.0.10' clusterIPs: '10.0.0.10' "
       "ports { port: 80 protocol: 'TCP' } }",
       "ClusterIP", "10.0.0.10", "<none>", "80/TCP"},
      {"cluster IP with external IPs",
       "spec { type: 'ClusterIP' clusterIPs: '10.0.0.10' externalIPs: '1.2.3.4' "
       "externalIPs: '5.6.7.8' ports { port: 53 protocol: 'UDP' } ports { port: 53 protocol: 'TCP' "
       "} }",
       "ClusterIP", "10.0.0.10", "1.2.3.4,5.6.7.8", "53/UDP,53/TCP"},
      {"type defaults to ClusterIP, protocol to TCP",
       "spec { clusterIP: '10.0.0.11' ports { port: 8080 } }", "ClusterIP", "10.0.0.11", "<none>",
       "8080/TCP"},
      {"headless", "spec { type: 'ClusterIP' clusterIP: 'None' clusterIPs: 'None' }", "ClusterIP",
       "None", "<none>", "<none>"},
      {"node port",
       "spec { type: 'NodePort' clusterIPs: '10.0.0.12' ports { port: 80 nodePort: 30080 "
       "protocol: 'TCP' } ports { port: 443 nodePort: 30443 protocol: 'TCP' } }",
       "NodePort", "10.0.0.12", "<none>", "80:30080/TCP,443:30443/TCP"},
      {"load balancer pending",
       "spec { type: 'LoadBalancer' clusterIPs: '10.0.0.13' ports { port: 80 nodePort: 31000 "
       "protocol: 'TCP' } }",
       "LoadBalancer", "10.0.0.13", "<pending>", "80:31000/TCP"},
      {"load balancer with ingress",
       "spec { type: 'LoadBalancer' clusterIPs: '10.0.0.13' } status { loadBalancer { "
       "ingress { ip: '203.0.113.9' } ingress { hostname: 'lb.example.com' } "
       "ingress { ip: '203.0.113.5' } } }",
       "LoadBalancer", "10.0.0.13", "203.0.113.5,203.0.113.9,lb.example.com", "<none>"},
      {"load balancer with ingress and external IPs",
       "spec { type: 'LoadBalancer' clusterIPs: '10.0.0.13' externalIPs: '1.1.1.1' } "
       "status { loadBalancer { ingress { ip: '203.0.113.9' } } }",
       "LoadBalancer", "10.0.0.13", "203.0.113.9,1.1.1.1", "<none>"},
      {"external name", "spec { type: 'ExternalName' externalName: 'db.example.com' }",
       "ExternalName", "<none>", "db.example.com", "<none>"},
  };
  const auto printer = NewServicePrinter();
  for (const Case& c : cases) {
    INFO(c.name);
    const auto service =
        Parse<k8s::core::v1::Service>("metadata { name: 'svc' } " + c.spec_and_status);
    const auto row = printer->Row(service, kNow);
    CHECK(CellOf(*printer, row, "Name") == "svc");
    CHECK(CellOf(*printer, row, "Type") == c.type);
    CHECK(CellOf(*printer, row, "Cluster-IP") == c.cluster_ip);
    CHECK(CellOf(*printer, row, "External-IP") == c.external_ip);
    CHECK(CellOf(*printer, row, "Port(s)") == c.ports);
  }
}

TEST_CASE("Service SELECTOR is a wide column", "[printers]") {
  const auto printer = NewServicePrinter();
  const auto columns = printer->Columns();
  REQUIRE(columns.size() == 7);
  CHECK(columns.back().name == "Selector");
  CHECK(columns.back().priority == 1);
  auto row =
      printer->Row(Parse<k8s::core::v1::Service>("spec { selector { key: 'tier' value: 'web' } "
                                                 "selector { key: 'app' value: 'shop' } }"),
                   kNow);
  CHECK(CellOf(*printer, row, "Selector") == "app=shop,tier=web");
  row = printer->Row(k8s::core::v1::Service(), kNow);
  CHECK(CellOf(*printer, row, "Selector") == "<none>");
}

TEST_CASE("Endpoints ENDPOINTS", "[printers]") {
  struct Case {
    const char* name;
    std::string subsets;  // text format
    const char* want;
  };
  const Case cases[] = {
      {"none", "", "<none>"},
      {"two addresses, one port",
       "subsets { addresses { ip: '10.1.0.5' } addresses { ip: '10.1.0.6' } ports { port: 9200 } }",
       "10.1.0.5:9200,10.1.0.6:9200"},
      {"more than three",
       "subsets { addresses { ip: '10.1.0.5' } addresses { ip: '10.1.0.6' } "
       "ports { name: 'http' port: 9200 } ports { name: 'transport' port: 9300 } }",
       "10.1.0.5:9200,10.1.0.6:9200,10.1.0.5:9300 + 1 more..."},
      {"headless without ports",
       "subsets { addresses { ip: '10.1.0.5' } addresses { ip: '10.1.0.6' } }",
       "10.1.0.5,10.1.0.6"},
      {"not-ready addresses are left out",
       "subsets { notReadyAddresses { ip: '10.1.0.7' } ports { port: 80 } }", ""},
      {"IPv6", "subsets { addresses { ip: 'fd00::5' } ports { port: 80 } }", "[fd00::5]:80"},
      {"several subsets",
       "subsets { addresses { ip: '10.0.0.1' } addresses { ip: '10.0.0.2' } ports { port: 1 } } "
       "subsets { addresses { ip: '10.0.0.3' } addresses { ip: '10.0.0.4' } "
       "addresses { ip: '10.0.0.5' } ports { port: 2 } }",
       "10.0.0.1:1,10.0.0.2:1,10.0.0.3:2 + 2 more..."},
  };
  const auto printer = NewEndpointsPrinter();
  for (const Case& c : cases) {
    INFO(c.name);
    const auto row =
        printer->Row(Parse<k8s::core::v1::Endpoints>("metadata { name: 'es' } " + c.subsets), kNow);
    CHECK(CellOf(*printer, row, "Name") == "es");
    CHECK(CellOf(*printer, row, "Endpoints") == c.want);
  }
}

}  // namespace
}  // namespace kube::apiserver
