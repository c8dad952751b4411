#include "apiserver/registry/core/register_core.h"

#include <cstdio>
#include <cstdlib>

#include "apiserver/registry/core/config_map_strategy.h"
#include "apiserver/registry/core/endpoints_strategy.h"
#include "apiserver/registry/core/event_strategy.h"
#include "apiserver/registry/core/ip_address.h"
#include "apiserver/registry/core/limit_range_strategy.h"
#include "apiserver/registry/core/namespace_strategy.h"
#include "apiserver/registry/core/node_port_allocator.h"
#include "apiserver/registry/core/node_strategy.h"
#include "apiserver/registry/core/persistent_volume_claim_strategy.h"
#include "apiserver/registry/core/persistent_volume_strategy.h"
#include "apiserver/registry/core/pod_strategy.h"
#include "apiserver/registry/core/pod_template_strategy.h"
#include "apiserver/registry/core/replication_controller_strategy.h"
#include "apiserver/registry/core/resource_quota_strategy.h"
#include "apiserver/registry/core/secret_strategy.h"
#include "apiserver/registry/core/service_account_strategy.h"
#include "apiserver/registry/core/service_ip_allocator.h"
#include "apiserver/registry/core/service_strategy.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver {
namespace {

namespace v1 = k8s::core::v1;

struct Names {
  const char* resource;
  const char* singular;
  bool namespaced;
  std::vector<std::string> short_names;
  std::vector<std::string> categories;
};

template <typename Kind, typename List>
ResourceInfo Info(const char* kind, Names names, std::unique_ptr<Strategy> strategy,
                  Subresources subresources = {}) {
  ResourceInfo info;
  info.group = "";
  info.version = "v1";
  info.kind = kind;
  info.resource = names.resource;
  info.singular = names.singular;
  info.namespaced = names.namespaced;
  info.short_names = std::move(names.short_names);
  info.categories = std::move(names.categories);
  info.prototype = &Kind::default_instance();
  info.list_prototype = &List::default_instance();
  info.subresources = subresources;
  info.strategy = std::move(strategy);
  return info;
}

std::unique_ptr<Strategy> NewServiceStrategy(const RegistryConfig& config) {
  if (config.storage == nullptr) return std::make_unique<core::ServiceStrategy>(nullptr, nullptr);
  auto ips = core::ServiceIpAllocator::Create(*config.storage, config.service_cluster_ip_range);
  auto ports = core::NodePortAllocator::Create(*config.storage, config.service_node_port_range);
  if (!ips.ok() || !ports.ok()) {
    // A start-up configuration error: nothing sensible can be served.
    std::fprintf(stderr, "invalid service ranges: %s\n",
                 std::string((ips.ok() ? ports.status() : ips.status()).message()).c_str());
    std::abort();
  }
  return std::make_unique<core::ServiceStrategy>(std::move(*ips), std::move(*ports));
}

}  // namespace

absl::Status ValidateCoreRegistryConfig(const RegistryConfig& config) {
  absl::StatusOr<core::Ipv4Cidr> cidr = core::ParseIpv4Cidr(config.service_cluster_ip_range);
  if (!cidr.ok()) return cidr.status();
  if (cidr->prefix_length < 12) {
    return absl::InvalidArgumentError("--service-cluster-ip-range must be /12 or longer");
  }
  const std::string& range = config.service_node_port_range;
  size_t separator = range.find_first_of("-+");
  if (separator == std::string::npos || separator == 0 || separator + 1 == range.size() ||
      range.find_first_not_of("0123456789-+") != std::string::npos) {
    return absl::InvalidArgumentError("invalid --service-node-port-range \"" + range + "\"");
  }
  return absl::OkStatus();
}

void RegisterCoreResources(ResourceRegistry& registry, const RegistryConfig& config) {
  // Upstream serves /api/v1 resources sorted by name; `kubectl get all` follows.
  registry.Add(Info<v1::ConfigMap, v1::ConfigMapList>(
      "ConfigMap", {"configmaps", "configmap", true, {"cm"}, {}},
      std::make_unique<core::ConfigMapStrategy>()));
  registry.Add(Info<v1::Endpoints, v1::EndpointsList>(
      "Endpoints", {"endpoints", "endpoints", true, {"ep"}, {}},
      std::make_unique<core::EndpointsStrategy>()));
  registry.Add(Info<v1::Event, v1::EventList>(
      "Event", {"events", "event", true, {"ev"}, {}}, std::make_unique<core::EventStrategy>()));
  registry.Add(Info<v1::LimitRange, v1::LimitRangeList>(
      "LimitRange", {"limitranges", "limitrange", true, {"limits"}, {}},
      std::make_unique<core::LimitRangeStrategy>()));
  registry.Add(Info<v1::Namespace, v1::NamespaceList>(
      "Namespace", {"namespaces", "namespace", false, {"ns"}, {}},
      std::make_unique<core::NamespaceStrategy>(), {.status = true, .finalize = true}));
  registry.Add(Info<v1::Node, v1::NodeList>(
      "Node", {"nodes", "node", false, {"no"}, {}}, std::make_unique<core::NodeStrategy>(),
      {.status = true}));
  registry.Add(Info<v1::PersistentVolumeClaim, v1::PersistentVolumeClaimList>(
      "PersistentVolumeClaim", {"persistentvolumeclaims", "persistentvolumeclaim", true, {"pvc"}, {}},
      std::make_unique<core::PersistentVolumeClaimStrategy>(), {.status = true}));
  registry.Add(Info<v1::PersistentVolume, v1::PersistentVolumeList>(
      "PersistentVolume", {"persistentvolumes", "persistentvolume", false, {"pv"}, {}},
      std::make_unique<core::PersistentVolumeStrategy>(), {.status = true}));
  registry.Add(Info<v1::Pod, v1::PodList>(
      "Pod", {"pods", "pod", true, {"po"}, {"all"}}, std::make_unique<core::PodStrategy>(),
      {.status = true, .binding = true, .eviction = true, .log = true, .exec = true}));
  registry.Add(Info<v1::PodTemplate, v1::PodTemplateList>(
      "PodTemplate", {"podtemplates", "podtemplate", true, {}, {}},
      std::make_unique<core::PodTemplateStrategy>()));
  registry.Add(Info<v1::ReplicationController, v1::ReplicationControllerList>(
      "ReplicationController", {"replicationcontrollers", "replicationcontroller", true, {"rc"}, {"all"}},
      std::make_unique<core::ReplicationControllerStrategy>(), {.status = true, .scale = true}));
  registry.Add(Info<v1::ResourceQuota, v1::ResourceQuotaList>(
      "ResourceQuota", {"resourcequotas", "resourcequota", true, {"quota"}, {}},
      std::make_unique<core::ResourceQuotaStrategy>(), {.status = true}));
  registry.Add(Info<v1::Secret, v1::SecretList>(
      "Secret", {"secrets", "secret", true, {}, {}}, std::make_unique<core::SecretStrategy>()));
  registry.Add(Info<v1::ServiceAccount, v1::ServiceAccountList>(
      "ServiceAccount", {"serviceaccounts", "serviceaccount", true, {"sa"}, {}},
      std::make_unique<core::ServiceAccountStrategy>()));
  registry.Add(Info<v1::Service, v1::ServiceList>(
      "Service", {"services", "service", true, {"svc"}, {"all"}}, NewServiceStrategy(config),
      {.status = true}));
}

}  // namespace kube::apiserver
