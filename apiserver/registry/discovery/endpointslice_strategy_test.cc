#include "apiserver/registry/discovery/endpointslice_strategy.h"

#include <catch2/catch.hpp>
#include <string>

#include "apiserver/registry/apps/apps_test_util.h"
#include "apiserver/registry/apps/store_test_util.h"
#include "apiserver/registry/discovery/register_discovery.h"
#include "common/api/errors.h"
#include "k8s/discovery/v1/discovery.pb.h"

namespace kube::apiserver {
namespace {

using k8s::discovery::v1::EndpointSlice;
using testing::Describe;
using testing::HasError;
using testing::Parse;

EndpointSlice ValidSlice() {
  return Parse<EndpointSlice>(R"(
    metadata { name: "web-abc12" namespace: "default" }
    addressType: "IPv4"
    endpoints { addresses: "10.1.0.5" conditions { ready: true } hostname: "web-0" nodeName: "node-1" }
    ports { name: "http" protocol: "TCP" port: 80 })");
}

TEST_CASE("EndpointSlice port defaults") {
  EndpointSliceStrategy strategy;
  auto slice = Parse<EndpointSlice>(
      R"(addressType: "IPv4" ports { port: 80 } ports { name: "dns" protocol: "UDP" })");
  strategy.Default(slice);
  CHECK(slice.ports(0).has_name());
  CHECK(slice.ports(0).name().empty());
  CHECK(slice.ports(0).protocol() == "TCP");
  CHECK(slice.ports(1).protocol() == "UDP");
}

TEST_CASE("EndpointSlice validation") {
  EndpointSliceStrategy strategy;
  EndpointSlice slice = ValidSlice();
  INFO(Describe(strategy.Validate(slice)));
  CHECK(strategy.Validate(slice).empty());

  SECTION("address type") {
    slice.clear_addresstype();
    CHECK(HasError(strategy.Validate(slice), "addressType: Required value"));
    slice.set_addresstype("IP");
    CHECK(HasError(strategy.Validate(slice),
                   "addressType: Unsupported value: \"IP\": supported values: \"FQDN\", "
                   "\"IPv4\", \"IPv6\""));
    EndpointSlice old = ValidSlice();
    slice = ValidSlice();
    slice.set_addresstype("IPv6");
    CHECK(HasError(strategy.ValidateUpdate(slice, old),
                   "addressType: Invalid value: \"IPv6\": field is immutable"));
  }
  SECTION("addresses match the type") {
    slice.mutable_endpoints(0)->add_addresses("2001:db8::1");
    slice.mutable_endpoints(0)->add_addresses("127.0.0.1");
    api::FieldErrors errors = strategy.Validate(slice);
    CHECK(HasError(errors,
                   "endpoints[0].addresses[1]: Invalid value: \"2001:db8::1\": must be a "
                   "valid IPv4 address"));
    CHECK(HasError(errors,
                   "endpoints[0].addresses[2]: Invalid value: \"127.0.0.1\": may not be "
                   "in the loopback range (127.0.0.0/8, ::1/128)"));
    slice = ValidSlice();
    slice.set_addresstype("FQDN");
    slice.mutable_endpoints(0)->set_addresses(0, "db.example.com.");
    CHECK(strategy.Validate(slice).empty());
    slice.mutable_endpoints(0)->set_addresses(0, "localhost");
    CHECK(HasError(strategy.Validate(slice),
                   "endpoints[0].addresses[0]: Invalid value: \"localhost\": should be a domain "
                   "with at least two segments separated by dots"));
    slice.mutable_endpoints(0)->clear_addresses();
    CHECK(HasError(strategy.Validate(slice),
                   "endpoints[0].addresses: Required value: must contain at least 1 address"));
  }
  SECTION("limits") {
    for (int i = 0; i < 1000; ++i) *slice.add_endpoints() = slice.endpoints(0);
    CHECK(HasError(strategy.Validate(slice),
                   "endpoints: Too many: 1001: must have at most 1000 items"));
    slice = ValidSlice();
    for (int i = 1; i <= 100; ++i) {
      auto* port = slice.add_ports();
      port->set_name("p" + std::to_string(i));
      port->set_protocol("TCP");
    }
    CHECK(HasError(strategy.Validate(slice), "ports: Too many: 101: must have at most 100 items"));
  }
  SECTION("ports") {
    auto* port = slice.add_ports();
    port->set_name("http");
    port->set_protocol("ICMP");
    port->set_appprotocol("-h2c");
    api::FieldErrors errors = strategy.Validate(slice);
    CHECK(HasError(errors, "ports[1].name: Duplicate value: \"http\""));
    CHECK(HasError(errors,
                   "ports[1].protocol: Unsupported value: \"ICMP\": supported values: "
                   "\"SCTP\", \"TCP\", \"UDP\""));
    CHECK(HasError(errors,
                   "ports[1].appProtocol: Invalid value: \"-h2c\": name part must consist "
                   "of alphanumeric characters, '-', '_' or '.', and must start and end "
                   "with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or "
                   "'123-abc', regex used for validation is "
                   "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"));
    port->set_name("HTTP");
    port->clear_protocol();
    errors = strategy.Validate(slice);
    CHECK(HasError(errors, "ports[1].protocol: Required value"));
    CHECK(errors[0].field == "ports[1].name");
  }
}

TEST_CASE("EndpointSlice through the generic store on SQLite") {
  testing::StoreFixture fixture;
  RegisterDiscoveryResources(fixture.registry(), fixture.config());
  REQUIRE(fixture.registry().All().size() == 1);
  const ResourceInfo& info = *fixture.registry().All()[0];
  CHECK(info.resource == "endpointslices");
  CHECK(info.short_names.empty());
  CHECK_FALSE(info.subresources.status);

  Store& store = fixture.StoreFor("discovery.k8s.io", "EndpointSlice");
  EndpointSlice slice = ValidSlice();
  (*slice.mutable_endpoints(0)->mutable_deprecatedtopology())["zone"] = "a";
  slice.mutable_ports(0)->clear_protocol();
  auto created = store.Create("default", std::make_unique<EndpointSlice>(slice), WriteOptions{});
  REQUIRE(created.ok());
  const auto& stored = static_cast<const EndpointSlice&>(**created);
  CHECK(stored.metadata().generation() == 1);
  CHECK(stored.endpoints(0).deprecatedtopology().empty());
  CHECK(stored.ports(0).protocol() == "TCP");

  // Generation counts changes to anything but metadata, and to labels.
  auto annotated = fixture.Edit<EndpointSlice>(
      store, "default", "web-abc12", false,
      [](EndpointSlice& s) { (*s.mutable_metadata()->mutable_annotations())["note"] = "x"; });
  REQUIRE(annotated.ok());
  CHECK(static_cast<const EndpointSlice&>(**annotated).metadata().generation() == 1);
  auto moved = fixture.Edit<EndpointSlice>(
      store, "default", "web-abc12", false,
      [](EndpointSlice& s) { s.mutable_endpoints(0)->set_addresses(0, "10.1.0.6"); });
  REQUIRE(moved.ok());
  CHECK(static_cast<const EndpointSlice&>(**moved).metadata().generation() == 2);
  auto labelled =
      fixture.Edit<EndpointSlice>(store, "default", "web-abc12", false, [](EndpointSlice& s) {
        (*s.mutable_metadata()->mutable_labels())["kubernetes.io/service-name"] = "web";
      });
  REQUIRE(labelled.ok());
  CHECK(static_cast<const EndpointSlice&>(**labelled).metadata().generation() == 3);

  auto changed = fixture.Edit<EndpointSlice>(store, "default", "web-abc12", false,
                                             [](EndpointSlice& s) { s.set_addresstype("FQDN"); });
  REQUIRE_FALSE(changed.ok());
  CHECK(api::HttpCode(changed.status()) == 422);
}

}  // namespace
}  // namespace kube::apiserver
