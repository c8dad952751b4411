#include "apiserver/registry/flowcontrol/register_flowcontrol.h"

#include "apiserver/registry/flowcontrol/flowschema_strategy.h"
#include "apiserver/registry/flowcontrol/priority_level_strategy.h"
#include "k8s/flowcontrol/v1/flowcontrol.pb.h"

namespace kube::apiserver {

using namespace k8s::flowcontrol::v1;

void RegisterFlowControlResources(ResourceRegistry& registry, const RegistryConfig& config) {
  constexpr char kGroup[] = "flowcontrol.apiserver.k8s.io";

  ResourceInfo schemas;
  schemas.group = kGroup;
  schemas.version = "v1";
  schemas.kind = "FlowSchema";
  schemas.resource = "flowschemas";
  schemas.singular = "flowschema";
  schemas.namespaced = false;
  schemas.prototype = &FlowSchema::default_instance();
  schemas.list_prototype = &FlowSchemaList::default_instance();
  schemas.subresources.status = true;
  schemas.strategy = std::make_unique<FlowSchemaStrategy>();
  registry.Add(std::move(schemas));

  ResourceInfo levels;
  levels.group = kGroup;
  levels.version = "v1";
  levels.kind = "PriorityLevelConfiguration";
  levels.resource = "prioritylevelconfigurations";
  levels.singular = "prioritylevelconfiguration";
  levels.namespaced = false;
  levels.prototype = &PriorityLevelConfiguration::default_instance();
  levels.list_prototype = &PriorityLevelConfigurationList::default_instance();
  levels.subresources.status = true;
  levels.strategy = std::make_unique<PriorityLevelConfigurationStrategy>();
  registry.Add(std::move(levels));
}

}  // namespace kube::apiserver
