#include "apiserver/registry/networking/register_networking.h"

#include <catch2/catch.hpp>

#include "apiserver/registry/apps/apps_test_util.h"
#include "apiserver/registry/apps/store_test_util.h"
#include "common/api/errors.h"
#include "k8s/networking/v1/networking.pb.h"

namespace kube::apiserver {
namespace {

using k8s::networking::v1::Ingress;
using k8s::networking::v1::IngressClass;
using k8s::networking::v1::NetworkPolicy;
using testing::Parse;

TEST_CASE("networking.k8s.io resources as upstream serves them") {
  testing::StoreFixture fixture;
  RegisterNetworkingResources(fixture.registry(), fixture.config());
  REQUIRE(fixture.registry().All().size() == 3);
  const ResourceInfo& ingresses = *fixture.registry().All()[0];
  CHECK(ingresses.resource == "ingresses");
  CHECK(ingresses.short_names == std::vector<std::string>{"ing"});
  CHECK(ingresses.categories.empty());
  CHECK(ingresses.subresources.status);
  const ResourceInfo& classes = *fixture.registry().All()[1];
  CHECK(classes.resource == "ingressclasses");
  CHECK_FALSE(classes.namespaced);
  CHECK(classes.short_names.empty());
  const ResourceInfo& policies = *fixture.registry().All()[2];
  CHECK(policies.resource == "networkpolicies");
  CHECK(policies.short_names == std::vector<std::string>{"netpol"});
  CHECK_FALSE(policies.subresources.status);
}

TEST_CASE("Ingress spec and status are written separately") {
  testing::StoreFixture fixture;
  RegisterNetworkingResources(fixture.registry(), fixture.config());
  Store& store = fixture.StoreFor("networking.k8s.io", "Ingress");
  auto created = store.Create("default", std::make_unique<Ingress>(Parse<Ingress>(R"(
    metadata { name: "web" }
    spec { defaultBackend { service { name: "web" port { number: 80 } } } }
    status { loadBalancer { ingress { ip: "203.0.113.7" } } })")),
                              WriteOptions{});
  REQUIRE(created.ok());
  const auto& ingress = static_cast<const Ingress&>(**created);
  CHECK(ingress.metadata().generation() == 1);
  CHECK_FALSE(ingress.has_status());

  auto status = fixture.Edit<Ingress>(store, "default", "web", true, [](Ingress& i) {
    i.mutable_status()->mutable_loadbalancer()->add_ingress()->set_ip("203.0.113.7");
    i.mutable_spec()->set_ingressclassname("ignored");
  });
  REQUIRE(status.ok());
  const auto& after_status = static_cast<const Ingress&>(**status);
  CHECK(after_status.status().loadbalancer().ingress(0).ip() == "203.0.113.7");
  CHECK_FALSE(after_status.spec().has_ingressclassname());
  CHECK(after_status.metadata().generation() == 1);

  auto spec = fixture.Edit<Ingress>(store, "default", "web", false, [](Ingress& i) {
    i.mutable_spec()->set_ingressclassname("nginx");
    i.clear_status();
  });
  REQUIRE(spec.ok());
  const auto& after_spec = static_cast<const Ingress&>(**spec);
  CHECK(after_spec.spec().ingressclassname() == "nginx");
  CHECK(after_spec.status().loadbalancer().ingress_size() == 1);
  CHECK(after_spec.metadata().generation() == 2);
}

TEST_CASE("IngressClass and NetworkPolicy through the store") {
  testing::StoreFixture fixture;
  RegisterNetworkingResources(fixture.registry(), fixture.config());
  Store& classes = fixture.StoreFor("networking.k8s.io", "IngressClass");
  auto created = classes.Create("", std::make_unique<IngressClass>(Parse<IngressClass>(R"(
    metadata { name: "nginx" }
    spec { controller: "k8s.io/ingress-nginx" })")),
                                WriteOptions{});
  REQUIRE(created.ok());
  CHECK(static_cast<const IngressClass&>(**created).metadata().namespace_().empty());
  auto changed = fixture.Edit<IngressClass>(classes, "", "nginx", false, [](IngressClass& c) {
    c.mutable_spec()->set_controller("example.com/other");
  });
  REQUIRE_FALSE(changed.ok());
  CHECK(api::ToApiStatus(changed.status()).message() ==
        "IngressClass.networking.k8s.io \"nginx\" is invalid: spec.controller: Invalid value: "
        "\"example.com/other\": field is immutable");

  Store& policies = fixture.StoreFor("networking.k8s.io", "NetworkPolicy");
  auto policy = policies.Create("default", std::make_unique<NetworkPolicy>(Parse<NetworkPolicy>(R"(
    metadata { name: "deny" }
    spec { egress { ports { port { intVal: 53 } } } })")),
                                WriteOptions{});
  REQUIRE(policy.ok());
  const auto& stored = static_cast<const NetworkPolicy&>(**policy);
  REQUIRE(stored.spec().policytypes_size() == 2);
  CHECK(stored.spec().policytypes(1) == "Egress");
  CHECK(stored.spec().egress(0).ports(0).protocol() == "TCP");
}

}  // namespace
}  // namespace kube::apiserver
