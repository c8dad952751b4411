#include "apiserver/registry/events/register_events.h"

#include "apiserver/registry/events/event_conversion.h"
#include "apiserver/registry/events/event_v1_strategy.h"

namespace kube::apiserver {

void RegisterEventsResources(ResourceRegistry& registry, const RegistryConfig& config) {
  ResourceInfo events;
  events.group = "events.k8s.io";
  events.version = "v1";
  events.kind = "Event";
  events.resource = "events";
  events.singular = "event";
  events.short_names = {"ev"};
  events.prototype = &k8s::events::v1::Event::default_instance();
  events.list_prototype = &k8s::events::v1::EventList::default_instance();
  // Its own rules first, then the core Event strategy on the stored form.
  events.strategy = std::make_unique<events::EventV1Strategy>();
  StorageConversion conversion;
  conversion.group = "";
  conversion.version = "v1";
  conversion.kind = "Event";
  conversion.to_storage = [](const google::protobuf::Message& served)
      -> absl::StatusOr<std::unique_ptr<google::protobuf::Message>> {
    return std::make_unique<k8s::core::v1::Event>(
        events::ToCoreEvent(static_cast<const k8s::events::v1::Event&>(served)));
  };
  conversion.from_storage = [](const google::protobuf::Message& stored)
      -> absl::StatusOr<std::unique_ptr<google::protobuf::Message>> {
    return std::make_unique<k8s::events::v1::Event>(
        events::FromCoreEvent(static_cast<const k8s::core::v1::Event&>(stored)));
  };
  events.stored_as = std::move(conversion);
  registry.Add(std::move(events));
}

}  // namespace kube::apiserver
