#include "apiserver/registry/core/service_strategy.h"

#include "apiserver/generic/store.h"
#include "apiserver/registry/core/core_test_util.h"
#include "apiserver/registry/core/register_core.h"
#include "apiserver/registry/core/storage_test_util.h"
#include "common/api/errors.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::Service;
using testing::Parse;

// The real services store (generic store + strategy) over a fresh SQLite file.
class ServicesFixture {
 public:
  explicit ServicesFixture(std::string cidr = "10.0.0.0/24") {
    RegistryConfig config;
    config.storage = &storage_.get();
    config.service_cluster_ip_range = std::move(cidr);
    RegisterCoreResources(registry_, config);
    info_ = registry_.Find("", "v1", "services");
    REQUIRE(info_ != nullptr);
    store_ = std::make_unique<Store>(storage_.get(), *info_, nullptr);
  }

  absl::StatusOr<Service> Create(const std::string& text, bool dry_run = false) {
    auto object = std::make_unique<Service>(Parse<Service>(text));
    absl::StatusOr<ObjectPtr> created = store_->Create("default", std::move(object), {.dry_run = dry_run});
    if (!created.ok()) return created.status();
    return static_cast<const Service&>(**created);
  }

  absl::StatusOr<Service> Update(const std::string& name, std::function<void(Service&)> change) {
    absl::StatusOr<ObjectPtr> updated = store_->Update(
        "default", name,
        [&](const google::protobuf::Message& current) -> absl::StatusOr<ObjectPtr> {
          auto copy = std::make_unique<Service>(static_cast<const Service&>(current));
          copy->mutable_metadata()->clear_resourceversion();
          change(*copy);
          return ObjectPtr(std::move(copy));
        },
        UpdateMode::kMain, {});
    if (!updated.ok()) return updated.status();
    return static_cast<const Service&>(**updated);
  }

  absl::Status Delete(const std::string& name) {
    return store_->Delete("default", name, {}, {}).status();
  }

  // How many reservations exist under a prefix.
  size_t Reserved(std::string_view prefix) {
    storage::ListOptions options;
    options.prefix = std::string(prefix);
    auto listed = storage_.get().List(options);
    REQUIRE(listed.ok());
    return listed->items.size();
  }
  size_t ReservedIps() { return Reserved(ServiceIpAllocator::kPrefix); }
  size_t ReservedPorts() { return Reserved(NodePortAllocator::kPrefix); }

  std::string Holder(const std::string& ip) {
    auto* strategy = static_cast<ServiceStrategy*>(info_->strategy.get());
    auto holder = strategy->ip_allocator()->Holder(ip);
    REQUIRE(holder.ok());
    return holder->value_or("");
  }

 private:
  testing::TempStorage storage_;
  ResourceRegistry registry_;
  const ResourceInfo* info_ = nullptr;
  std::unique_ptr<Store> store_;
};

std::string Message(const absl::Status& status) { return api::ToApiStatus(status).message(); }

constexpr char kWeb[] = R"(metadata { name: "web" } spec { selector { key: "app" value: "web" } ports { port: 80 } })";

TEST_CASE("create allocates a cluster IP and records its holder") {
  ServicesFixture services;
  absl::StatusOr<Service> web = services.Create(kWeb);
  REQUIRE(web.ok());
  const std::string ip = web->spec().clusterip();
  CHECK(ip.rfind("10.0.0.", 0) == 0);
  CHECK(ip != "10.0.0.1");
  REQUIRE(web->spec().clusterips_size() == 1);
  CHECK(web->spec().clusterips(0) == ip);
  CHECK(web->spec().ipfamilies(0) == "IPv4");
  CHECK(services.Holder(ip) == "default/web");
  CHECK(services.ReservedIps() == 1);
}

TEST_CASE("a write that does not commit releases what it reserved") {
  ServicesFixture services;
  REQUIRE(services.Create(kWeb).ok());
  absl::StatusOr<Service> again = services.Create(kWeb);
  CHECK(absl::IsAlreadyExists(again.status()));
  CHECK(services.ReservedIps() == 1);

  absl::StatusOr<Service> dry = services.Create(
      R"(metadata { name: "dry" } spec { type: "NodePort" ports { port: 80 } })", true);
  REQUIRE(dry.ok());
  CHECK(!dry->spec().clusterip().empty());
  CHECK(services.ReservedIps() == 1);
  CHECK(services.ReservedPorts() == 0);
}

TEST_CASE("a requested cluster IP must be free and in range") {
  ServicesFixture services;
  absl::StatusOr<Service> web = services.Create(kWeb);
  REQUIRE(web.ok());
  const std::string ip = web->spec().clusterip();
  absl::StatusOr<Service> copy = services.Create(
      R"(metadata { name: "copy" } spec { clusterIP: ")" + ip + R"(" ports { port: 80 } })");
  CHECK(api::HttpCode(copy.status()) == 422);
  CHECK(Message(copy.status()) == "Service \"copy\" is invalid: spec.clusterIPs: Invalid value: []string{\"" +
                                      ip + "\"}: failed to allocate IP " + ip + ": provided IP is already allocated");

  absl::StatusOr<Service> outside = services.Create(
      R"(metadata { name: "outside" } spec { clusterIP: "10.1.0.5" ports { port: 80 } })");
  CHECK(Message(outside.status()) ==
        "Service \"outside\" is invalid: spec.clusterIPs: Invalid value: []string{\"10.1.0.5\"}: failed to "
        "allocate IP 10.1.0.5: the provided IP (10.1.0.5) is not in the valid range. The range of valid IPs is 10.0.0.0/24");

  absl::StatusOr<Service> kubernetes = services.Create(
      R"(metadata { name: "kubernetes" } spec { clusterIP: "10.0.0.1" ports { name: "https" port: 443 } })");
  REQUIRE(kubernetes.ok());
  CHECK(kubernetes->spec().clusterip() == "10.0.0.1");
}

TEST_CASE("headless and ExternalName services hold nothing") {
  ServicesFixture services;
  REQUIRE(services.Create(R"(metadata { name: "headless" } spec { clusterIP: "None" })").ok());
  absl::StatusOr<Service> external = services.Create(
      R"(metadata { name: "db" } spec { type: "ExternalName" externalName: "db.example.com" })");
  REQUIRE(external.ok());
  CHECK(external->spec().clusterip().empty());
  CHECK(services.ReservedIps() == 0);
}

TEST_CASE("node ports: allocated, shared across protocols, range checked") {
  ServicesFixture services;
  absl::StatusOr<Service> dns = services.Create(R"(metadata { name: "dns" } spec { type: "NodePort"
      ports { name: "udp" port: 53 protocol: "UDP" } ports { name: "tcp" port: 53 protocol: "TCP" } })");
  REQUIRE(dns.ok());
  const int32_t node_port = dns->spec().ports(0).nodeport();
  CHECK(node_port >= 30000);
  CHECK(node_port <= 32767);
  CHECK(dns->spec().ports(1).nodeport() == node_port);
  CHECK(services.ReservedPorts() == 1);

  absl::StatusOr<Service> low = services.Create(
      R"(metadata { name: "low" } spec { type: "NodePort" ports { port: 80 nodePort: 80 } })");
  CHECK(Message(low.status()) ==
        "Service \"low\" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the "
        "valid range. The range of valid ports is 30000-32767");
  absl::StatusOr<Service> taken = services.Create(R"(metadata { name: "taken" } spec { type: "NodePort"
      ports { port: 80 nodePort: )" + std::to_string(node_port) + " } }");
  CHECK(Message(taken.status()) == "Service \"taken\" is invalid: spec.ports[0].nodePort: Invalid value: " +
                                       std::to_string(node_port) + ": provided port is already allocated");
  CHECK(services.ReservedIps() == 1);  // the failed creates gave their IPs back

  absl::StatusOr<Service> local = services.Create(R"(metadata { name: "lb" } spec { type: "LoadBalancer"
      externalTrafficPolicy: "Local" ports { port: 80 } })");
  REQUIRE(local.ok());
  CHECK(local->spec().healthchecknodeport() >= 30000);
  CHECK(services.ReservedPorts() == 3);
}

TEST_CASE("updates keep, move and free what services hold") {
  ServicesFixture services;
  absl::StatusOr<Service> web = services.Create(
      R"(metadata { name: "web" } spec { type: "NodePort" ports { port: 80 } })");
  REQUIRE(web.ok());
  const std::string ip = web->spec().clusterip();

  // A replace with the original manifest: no clusterIP, no nodePort.
  absl::StatusOr<Service> replaced = services.Update("web", [](Service& service) {
    service.mutable_spec()->clear_clusterip();
    service.mutable_spec()->clear_clusterips();
    service.mutable_spec()->mutable_ports(0)->clear_nodeport();
  });
  REQUIRE(replaced.ok());
  CHECK(replaced->spec().clusterip() == ip);
  CHECK(replaced->spec().ports(0).nodeport() == web->spec().ports(0).nodeport());

  // `kubectl apply` of type ClusterIP keeps the live nodePort in its patch.
  absl::StatusOr<Service> cluster_ip = services.Update("web", [](Service& service) {
    service.mutable_spec()->set_type("ClusterIP");
  });
  REQUIRE(cluster_ip.ok());
  CHECK(cluster_ip->spec().ports(0).nodeport() == 0);
  CHECK(services.ReservedPorts() == 0);

  absl::StatusOr<Service> changed = services.Update("web", [](Service& service) {
    service.mutable_spec()->set_clusterip("10.0.0.200");
    service.mutable_spec()->set_clusterips(0, "10.0.0.200");
  });
  CHECK(api::HttpCode(changed.status()) == 422);

  absl::StatusOr<Service> external = services.Update("web", [](Service& service) {
    service.mutable_spec()->set_type("ExternalName");
    service.mutable_spec()->set_externalname("example.com");
  });
  REQUIRE(external.ok());
  CHECK(external->spec().clusterip().empty());
  CHECK(services.ReservedIps() == 0);

  absl::StatusOr<Service> back = services.Update("web", [](Service& service) {
    service.mutable_spec()->set_type("ClusterIP");
    service.mutable_spec()->clear_externalname();
  });
  REQUIRE(back.ok());
  CHECK(!back->spec().clusterip().empty());
  CHECK(services.ReservedIps() == 1);
}

TEST_CASE("delete frees the cluster IP and node ports") {
  ServicesFixture services;
  REQUIRE(services.Create(R"(metadata { name: "web" } spec { type: "NodePort" ports { port: 80 } })").ok());
  CHECK(services.ReservedIps() == 1);
  CHECK(services.ReservedPorts() == 1);
  REQUIRE(services.Delete("web").ok());
  CHECK(services.ReservedIps() == 0);
  CHECK(services.ReservedPorts() == 0);
}

TEST_CASE("a full range is an internal error, as upstream") {
  ServicesFixture services("10.0.0.0/29");  // five addresses besides `kubernetes`
  for (int i = 0; i < 5; ++i) {
    REQUIRE(services.Create(R"(metadata { name: "s)" + std::to_string(i) + R"(" } spec { ports { port: 80 } })").ok());
  }
  absl::StatusOr<Service> full = services.Create(R"(metadata { name: "s5" } spec { ports { port: 80 } })");
  CHECK(api::HttpCode(full.status()) == 500);
  CHECK(Message(full.status()) == "Internal error occurred: failed to allocate a serviceIP: range is full");
}

}  // namespace
}  // namespace kube::apiserver::core
