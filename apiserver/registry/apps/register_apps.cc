#include "apiserver/registry/apps/register_apps.h"

#include "apiserver/registry/apps/controllerrevision_strategy.h"
#include "apiserver/registry/apps/daemonset_strategy.h"
#include "apiserver/registry/apps/deployment_strategy.h"
#include "apiserver/registry/apps/replicaset_strategy.h"
#include "apiserver/registry/apps/statefulset_strategy.h"
#include "k8s/apps/v1/apps.pb.h"

namespace kube::apiserver {
namespace {

ResourceInfo AppsResource(std::string kind, std::string resource, std::string singular,
                          std::vector<std::string> short_names, bool in_all,
                          const google::protobuf::Message& prototype,
                          const google::protobuf::Message& list_prototype) {
  ResourceInfo info;
  info.group = "apps";
  info.version = "v1";
  info.kind = std::move(kind);
  info.resource = std::move(resource);
  info.singular = std::move(singular);
  info.namespaced = true;
  info.short_names = std::move(short_names);
  if (in_all) info.categories = {"all"};
  info.prototype = &prototype;
  info.list_prototype = &list_prototype;
  return info;
}

}  // namespace

void RegisterAppsResources(ResourceRegistry& registry, const RegistryConfig& config,
                           const PodTemplateHooks& hooks) {
  using namespace k8s::apps::v1;

  ResourceInfo deployments = AppsResource("Deployment", "deployments", "deployment", {"deploy"},
                                          true, Deployment::default_instance(),
                                          DeploymentList::default_instance());
  deployments.subresources.status = true;
  deployments.subresources.scale = true;
  deployments.strategy = std::make_unique<DeploymentStrategy>(hooks);
  registry.Add(std::move(deployments));

  ResourceInfo replica_sets = AppsResource("ReplicaSet", "replicasets", "replicaset", {"rs"}, true,
                                           ReplicaSet::default_instance(),
                                           ReplicaSetList::default_instance());
  replica_sets.subresources.status = true;
  replica_sets.subresources.scale = true;
  replica_sets.strategy = std::make_unique<ReplicaSetStrategy>(hooks);
  registry.Add(std::move(replica_sets));

  ResourceInfo daemon_sets = AppsResource("DaemonSet", "daemonsets", "daemonset", {"ds"}, true,
                                          DaemonSet::default_instance(),
                                          DaemonSetList::default_instance());
  daemon_sets.subresources.status = true;
  daemon_sets.strategy = std::make_unique<DaemonSetStrategy>(hooks);
  registry.Add(std::move(daemon_sets));

  ResourceInfo stateful_sets = AppsResource("StatefulSet", "statefulsets", "statefulset", {"sts"},
                                            true, StatefulSet::default_instance(),
                                            StatefulSetList::default_instance());
  stateful_sets.subresources.status = true;
  stateful_sets.subresources.scale = true;
  stateful_sets.strategy = std::make_unique<StatefulSetStrategy>(hooks);
  registry.Add(std::move(stateful_sets));

  ResourceInfo revisions = AppsResource("ControllerRevision", "controllerrevisions",
                                        "controllerrevision", {}, false,
                                        ControllerRevision::default_instance(),
                                        ControllerRevisionList::default_instance());
  revisions.strategy = std::make_unique<ControllerRevisionStrategy>();
  registry.Add(std::move(revisions));
}

}  // namespace kube::apiserver
