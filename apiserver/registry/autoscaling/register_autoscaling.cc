#include "apiserver/registry/autoscaling/register_autoscaling.h"

#include "apiserver/registry/autoscaling/horizontalpodautoscaler_conversion.h"
#include "apiserver/registry/autoscaling/horizontalpodautoscaler_strategy.h"
#include "apiserver/registry/autoscaling/horizontalpodautoscaler_v2_strategy.h"
#include "k8s/autoscaling/v1/autoscaling.pb.h"
#include "k8s/autoscaling/v2/autoscaling.pb.h"

namespace kube::apiserver {
namespace {

namespace v1 = k8s::autoscaling::v1;
namespace v2 = k8s::autoscaling::v2;

ResourceInfo Autoscalers(const char* version) {
  ResourceInfo autoscalers;
  autoscalers.group = "autoscaling";
  autoscalers.version = version;
  autoscalers.kind = "HorizontalPodAutoscaler";
  autoscalers.resource = "horizontalpodautoscalers";
  autoscalers.singular = "horizontalpodautoscaler";
  autoscalers.short_names = {"hpa"};
  autoscalers.categories = {"all"};
  autoscalers.subresources.status = true;
  return autoscalers;
}

}  // namespace

void RegisterAutoscalingResources(ResourceRegistry& registry, const RegistryConfig& config) {
  // v2 first: the stored version, and the group's preferred one in discovery.
  ResourceInfo stored = Autoscalers("v2");
  stored.prototype = &v2::HorizontalPodAutoscaler::default_instance();
  stored.list_prototype = &v2::HorizontalPodAutoscalerList::default_instance();
  stored.strategy = std::make_unique<autoscaling::HorizontalPodAutoscalerV2Strategy>();
  registry.Add(std::move(stored));

  ResourceInfo served = Autoscalers("v1");
  served.prototype = &v1::HorizontalPodAutoscaler::default_instance();
  served.list_prototype = &v1::HorizontalPodAutoscalerList::default_instance();
  served.strategy = std::make_unique<HorizontalPodAutoscalerStrategy>();
  StorageConversion conversion;
  conversion.group = "autoscaling";
  conversion.version = "v2";
  conversion.kind = "HorizontalPodAutoscaler";
  conversion.to_storage = [](const google::protobuf::Message& object)
      -> absl::StatusOr<std::unique_ptr<google::protobuf::Message>> {
    return std::make_unique<v2::HorizontalPodAutoscaler>(
        autoscaling::ToV2(static_cast<const v1::HorizontalPodAutoscaler&>(object)));
  };
  conversion.from_storage = [](const google::protobuf::Message& object)
      -> absl::StatusOr<std::unique_ptr<google::protobuf::Message>> {
    return std::make_unique<v1::HorizontalPodAutoscaler>(
        autoscaling::ToV1(static_cast<const v2::HorizontalPodAutoscaler&>(object)));
  };
  served.stored_as = std::move(conversion);
  registry.Add(std::move(served));
}

}  // namespace kube::apiserver
