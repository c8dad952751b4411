#include "apiserver/registry/core/register_core.h"

#include "apiserver/registry/core/core_test_util.h"
#include "apiserver/registry/core/storage_test_util.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver {
namespace {

TEST_CASE("every core/v1 resource is registered as upstream discovery shows it") {
  core::testing::TempStorage storage;
  ResourceRegistry registry;
  RegistryConfig config;
  config.storage = &storage.get();
  RegisterCoreResources(registry, config);

  std::vector<std::string> order;
  for (const auto& info : registry.All()) {
    order.push_back(info->resource);
    CHECK(info->group.empty());
    CHECK(info->version == "v1");
    CHECK(info->strategy != nullptr);
    CHECK(info->printer == nullptr);
    REQUIRE(info->prototype != nullptr);
    REQUIRE(info->list_prototype != nullptr);
    CHECK(info->prototype->GetDescriptor()->name() == info->kind);
    CHECK(info->list_prototype->GetDescriptor()->name() == info->kind + "List");
  }
  CHECK(order == std::vector<std::string>{
                     "configmaps", "endpoints", "events", "limitranges", "namespaces", "nodes",
                     "persistentvolumeclaims", "persistentvolumes", "pods", "podtemplates",
                     "replicationcontrollers", "resourcequotas", "secrets", "serviceaccounts",
                     "services"});

  auto find = [&](const char* resource) {
    const ResourceInfo* info = registry.Find("", "v1", resource);
    REQUIRE(info != nullptr);
    return info;
  };
  const ResourceInfo* pods = find("pods");
  CHECK(pods->kind == "Pod");
  CHECK(pods->singular == "pod");
  CHECK(pods->short_names == std::vector<std::string>{"po"});
  CHECK(pods->categories == std::vector<std::string>{"all"});
  CHECK(pods->subresources.status);
  CHECK(pods->subresources.binding);
  CHECK(pods->subresources.eviction);
  CHECK(pods->subresources.log);
  CHECK(pods->subresources.exec);
  CHECK_FALSE(pods->subresources.scale);

  const ResourceInfo* services = find("services");
  CHECK(services->short_names == std::vector<std::string>{"svc"});
  CHECK(services->categories == std::vector<std::string>{"all"});
  CHECK(services->strategy->name_rule() == NameRule::kDns1035Label);

  const ResourceInfo* rcs = find("replicationcontrollers");
  CHECK(rcs->short_names == std::vector<std::string>{"rc"});
  CHECK(rcs->categories == std::vector<std::string>{"all"});
  CHECK(rcs->subresources.scale);
  CHECK(rcs->subresources.status);

  CHECK_FALSE(find("nodes")->namespaced);
  CHECK_FALSE(find("namespaces")->namespaced);
  CHECK_FALSE(find("persistentvolumes")->namespaced);
  CHECK(find("namespaces")->strategy->name_rule() == NameRule::kDnsLabel);
  CHECK(find("events")->short_names == std::vector<std::string>{"ev"});
  CHECK(find("limitranges")->short_names == std::vector<std::string>{"limits"});
  CHECK(find("resourcequotas")->short_names == std::vector<std::string>{"quota"});
  CHECK(find("secrets")->short_names.empty());
  CHECK(find("podtemplates")->short_names.empty());
  CHECK(find("endpoints")->singular == "endpoints");
  CHECK_FALSE(find("configmaps")->subresources.status);
  CHECK(find("persistentvolumeclaims")->subresources.status);
  CHECK(registry.FindByKind("", "v1", "ServiceAccount")->short_names == std::vector<std::string>{"sa"});
}

TEST_CASE("service ranges are checked before registration") {
  RegistryConfig config;
  CHECK(ValidateCoreRegistryConfig(config).ok());
  config.service_cluster_ip_range = "10.0.0.0";
  CHECK_FALSE(ValidateCoreRegistryConfig(config).ok());
  config.service_cluster_ip_range = "10.0.0.0/24";
  config.service_node_port_range = "lots";
  CHECK_FALSE(ValidateCoreRegistryConfig(config).ok());
}

}  // namespace
}  // namespace kube::apiserver
