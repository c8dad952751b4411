#include "apiserver/registry/scheduling/register_scheduling.h"

#include "apiserver/registry/scheduling/priority_class_strategy.h"
#include "k8s/scheduling/v1/scheduling.pb.h"

namespace kube::apiserver {

void RegisterSchedulingResources(ResourceRegistry& registry, const RegistryConfig& config) {
  ResourceInfo classes;
  classes.group = "scheduling.k8s.io";
  classes.version = "v1";
  classes.kind = "PriorityClass";
  classes.resource = "priorityclasses";
  classes.singular = "priorityclass";
  classes.namespaced = false;
  classes.short_names = {"pc"};
  classes.prototype = &k8s::scheduling::v1::PriorityClass::default_instance();
  classes.list_prototype = &k8s::scheduling::v1::PriorityClassList::default_instance();
  classes.strategy = std::make_unique<PriorityClassStrategy>();
  registry.Add(std::move(classes));
}

}  // namespace kube::apiserver
