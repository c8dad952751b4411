#include "apiserver/registry/node/register_node.h"

#include "apiserver/registry/node/runtime_class_strategy.h"
#include "k8s/node/v1/node.pb.h"

namespace kube::apiserver {

void RegisterNodeResources(ResourceRegistry& registry, const RegistryConfig& config) {
  ResourceInfo classes;
  classes.group = "node.k8s.io";
  classes.version = "v1";
  classes.kind = "RuntimeClass";
  classes.resource = "runtimeclasses";
  classes.singular = "runtimeclass";
  classes.namespaced = false;
  classes.prototype = &k8s::node::v1::RuntimeClass::default_instance();
  classes.list_prototype = &k8s::node::v1::RuntimeClassList::default_instance();
  classes.strategy = std::make_unique<RuntimeClassStrategy>();
  registry.Add(std::move(classes));
}

}  // namespace kube::apiserver
