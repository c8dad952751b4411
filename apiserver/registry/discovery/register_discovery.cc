#include "apiserver/registry/discovery/register_discovery.h"

#include "apiserver/registry/discovery/endpointslice_strategy.h"
#include "k8s/discovery/v1/discovery.pb.h"

namespace kube::apiserver {

void RegisterDiscoveryResources(ResourceRegistry& registry, const RegistryConfig& config) {
  ResourceInfo slices;
  slices.group = "discovery.k8s.io";
  slices.version = "v1";
  slices.kind = "EndpointSlice";
  slices.resource = "endpointslices";
  slices.singular = "endpointslice";
  slices.prototype = &k8s::discovery::v1::EndpointSlice::default_instance();
  slices.list_prototype = &k8s::discovery::v1::EndpointSliceList::default_instance();
  slices.strategy = std::make_unique<EndpointSliceStrategy>();
  registry.Add(std::move(slices));
}

}  // namespace kube::apiserver
