#include "apiserver/registry/autoscaling/register_autoscaling.h"

#include "apiserver/registry/autoscaling/horizontalpodautoscaler_strategy.h"
#include "k8s/autoscaling/v1/autoscaling.pb.h"

namespace kube::apiserver {

void RegisterAutoscalingResources(ResourceRegistry& registry, const RegistryConfig& config) {
  ResourceInfo autoscalers;
  autoscalers.group = "autoscaling";
  autoscalers.version = "v1";
  autoscalers.kind = "HorizontalPodAutoscaler";
  autoscalers.resource = "horizontalpodautoscalers";
  autoscalers.singular = "horizontalpodautoscaler";
  autoscalers.short_names = {"hpa"};
  autoscalers.categories = {"all"};
  autoscalers.prototype = &k8s::autoscaling::v1::HorizontalPodAutoscaler::default_instance();
  autoscalers.list_prototype =
      &k8s::autoscaling::v1::HorizontalPodAutoscalerList::default_instance();
  autoscalers.subresources.status = true;
  autoscalers.strategy = std::make_unique<HorizontalPodAutoscalerStrategy>();
  registry.Add(std::move(autoscalers));
}

}  // namespace kube::apiserver
