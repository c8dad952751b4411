// Ingress, IngressClass, NetworkPolicy and EndpointSlice.

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "apiserver/printers/printer_testing.h"
#include "apiserver/printers/printers.h"
#include "k8s/discovery/v1/discovery.pb.h"
#include "k8s/networking/v1/networking.pb.h"

namespace kube::apiserver {
namespace {

using k8s::discovery::v1::EndpointSlice;
using k8s::networking::v1::Ingress;
using k8s::networking::v1::IngressClass;
using k8s::networking::v1::NetworkPolicy;
using testing::Ago;
using testing::CellOf;
using testing::ColumnNames;
using testing::kNow;
using testing::Parse;

TEST_CASE("Ingress table", "[printers]") {
  const auto printer = NewIngressPrinter();
  CHECK(ColumnNames(*printer) ==
        std::vector<std::string>{"Name", "Class", "Hosts", "Address", "Ports", "Age"});

  SECTION("no class, no host, no TLS, no address") {
    const auto row = printer->Row(
        Parse<Ingress>("metadata { name: 'web' creationTimestamp " + Ago(300) +
                       " } "
                       "spec { defaultBackend { service { name: 'web' port { number: 80 } } } }"),
        kNow);
    CHECK(CellOf(*printer, row, "Name") == "web");
    CHECK(CellOf(*printer, row, "Class") == "<none>");
    CHECK(CellOf(*printer, row, "Hosts") == "*");
    CHECK(CellOf(*printer, row, "Address") == "");
    CHECK(CellOf(*printer, row, "Ports") == "80");
    CHECK(CellOf(*printer, row, "Age") == "5m");
  }
  SECTION("hosts, TLS and load-balancer points") {
    const auto row = printer->Row(
        Parse<Ingress>("spec { ingressClassName: 'nginx' tls { hosts: 'a.example.com' } "
                       "rules { host: 'a.example.com' } rules { host: 'b.example.com' } } "
                       "status { loadBalancer { ingress { ip: '10.0.0.9' } "
                       "ingress { hostname: 'lb.example.com' } ingress { ip: '10.0.0.1' } "
                       "ingress { ip: '10.0.0.9' } } }"),
        kNow);
    CHECK(CellOf(*printer, row, "Class") == "nginx");
    CHECK(CellOf(*printer, row, "Hosts") == "a.example.com,b.example.com");
    CHECK(CellOf(*printer, row, "Address") == "10.0.0.1,10.0.0.9,lb.example.com");
    CHECK(CellOf(*printer, row, "Ports") == "80, 443");
  }
  SECTION("more than three rules count every rule past the third") {
    const auto row = printer->Row(
        Parse<Ingress>("spec { rules { host: 'a.io' } rules { } rules { host: 'b.io' } "
                       "rules { host: 'c.io' } rules { host: 'd.io' } rules { } }"),
        kNow);
    CHECK(CellOf(*printer, row, "Hosts") == "a.io,b.io,c.io + 3 more...");
  }
}

TEST_CASE("IngressClass table", "[printers]") {
  const auto printer = NewIngressClassPrinter();
  CHECK(ColumnNames(*printer) ==
        std::vector<std::string>{"Name", "Controller", "Parameters", "Age"});
  auto row = printer->Row(
      Parse<IngressClass>("metadata { name: 'nginx' } spec { controller: 'k8s.io/ingress-nginx' }"),
      kNow);
  CHECK(CellOf(*printer, row, "Controller") == "k8s.io/ingress-nginx");
  CHECK(CellOf(*printer, row, "Parameters") == "<none>");
  row = printer->Row(Parse<IngressClass>("spec { parameters { apiGroup: 'k8s.example.com' "
                                         "kind: 'IngressParameters' name: 'external-lb' } }"),
                     kNow);
  CHECK(CellOf(*printer, row, "Parameters") == "IngressParameters.k8s.example.com/external-lb");
  row = printer->Row(Parse<IngressClass>("spec { parameters { kind: 'ConfigMap' name: 'cfg' } }"),
                     kNow);
  CHECK(CellOf(*printer, row, "Parameters") == "ConfigMap/cfg");
}

TEST_CASE("NetworkPolicy table", "[printers]") {
  const auto printer = NewNetworkPolicyPrinter();
  CHECK(ColumnNames(*printer) == std::vector<std::string>{"Name", "Pod-Selector", "Age"});
  auto row = printer->Row(
      Parse<NetworkPolicy>("metadata { name: 'deny' } spec { podSelector { } }"), kNow);
  CHECK(CellOf(*printer, row, "Pod-Selector") == "<none>");
  row = printer->Row(
      Parse<NetworkPolicy>(
          "spec { podSelector { matchLabels { key: 'app' value: 'db' } "
          "matchExpressions { key: 'tier' operator: 'In' values: 'a' values: 'b' } } }"),
      kNow);
  CHECK(CellOf(*printer, row, "Pod-Selector") == "app=db,tier in (a,b)");
}

TEST_CASE("EndpointSlice table", "[printers]") {
  const auto printer = NewEndpointSlicePrinter();
  CHECK(ColumnNames(*printer) ==
        std::vector<std::string>{"Name", "AddressType", "Ports", "Endpoints", "Age"});
  SECTION("empty lists are <unset>") {
    const auto row = printer->Row(
        Parse<EndpointSlice>("metadata { name: 'web-abc' } addressType: 'IPv4'"), kNow);
    CHECK(CellOf(*printer, row, "AddressType") == "IPv4");
    CHECK(CellOf(*printer, row, "Ports") == "<unset>");
    CHECK(CellOf(*printer, row, "Endpoints") == "<unset>");
  }
  SECTION("ports by number, name or *; addresses across endpoints") {
    const auto row = printer->Row(
        Parse<EndpointSlice>("addressType: 'IPv4' ports { port: 80 } ports { name: 'metrics' } "
                             "endpoints { addresses: '10.0.0.1' } "
                             "endpoints { addresses: '10.0.0.2' addresses: '10.0.0.3' }"),
        kNow);
    CHECK(CellOf(*printer, row, "Ports") == "80,metrics");
    CHECK(CellOf(*printer, row, "Endpoints") == "10.0.0.1,10.0.0.2,10.0.0.3");
  }
  SECTION("more than three") {
    const auto row =
        printer->Row(Parse<EndpointSlice>(
                         "ports { port: 1 } ports { } ports { port: 3 } ports { port: 4 } "
                         "ports { port: 5 } endpoints { addresses: '10.0.0.1' addresses: "
                         "'10.0.0.2' } endpoints { addresses: '10.0.0.3' addresses: '10.0.0.4' }"),
                     kNow);
    CHECK(CellOf(*printer, row, "Ports") == "1,*,3 + 2 more...");
    CHECK(CellOf(*printer, row, "Endpoints") == "10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...");
  }
}

}  // namespace
}  // namespace kube::apiserver
