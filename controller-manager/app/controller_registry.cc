#include "controller-manager/app/controller_registry.h"

#include "controller-manager/clusterroleaggregation/clusterrole_aggregation_controller.h"
#include "controller-manager/csrapproving/csr_approving_controller.h"
#include "controller-manager/csrsigning/csr_signing_controller.h"
#include "controller-manager/daemonset/daemonset_controller.h"
#include "controller-manager/deployment/deployment_controller.h"
#include "controller-manager/endpoints/endpoints_controller.h"
#include "controller-manager/garbagecollector/garbage_collector.h"
#include "controller-manager/job/job_controller.h"
#include "controller-manager/namespace/namespace_controller.h"
#include "controller-manager/nodeipam/nodeipam_controller.h"
#include "controller-manager/nodelifecycle/nodelifecycle_controller.h"
#include "controller-manager/persistentvolume/binder_controller.h"
#include "controller-manager/podgc/podgc_controller.h"
#include "controller-manager/replicaset/replicaset_controller.h"
#include "controller-manager/replication/replication_controller.h"
#include "controller-manager/rootcacertpublisher/root_ca_cert_publisher.h"
#include "controller-manager/serviceaccount/serviceaccounts_controller.h"
#include "controller-manager/servicelb/service_lb_controller.h"

namespace kube::kcm::app {
namespace {

using Created = absl::StatusOr<std::unique_ptr<ControllerInterface>>;

std::vector<ControllerEntry> Build() {
  return {
      {"replicationcontroller", "replication-controller", false,
       [](ControllerContext& c) -> Created { return replication::NewReplicationManager(c); }},
      {"replicaset", "replicaset-controller", false,
       [](ControllerContext& c) -> Created { return replicaset::NewReplicaSetController(c); }},
      {"deployment", "deployment-controller", false,
       [](ControllerContext& c) -> Created {
         return std::make_unique<deployment::DeploymentController>(c);
       }},
      {"job", "job-controller", false,
       [](ControllerContext& c) -> Created { return std::make_unique<job::JobController>(c); }},
      {"daemonset", "daemon-set-controller", false,
       [](ControllerContext& c) -> Created {
         return std::make_unique<daemonset::DaemonSetController>(c);
       }},
      {"endpoint", "endpoint-controller", false,
       [](ControllerContext& c) -> Created {
         return std::make_unique<endpoints::EndpointsController>(c);
       }},
      {"namespace", "namespace-controller", false,
       [](ControllerContext& c) -> Created {
         return std::make_unique<namespaces::NamespaceController>(c);
       }},
      {"garbagecollector", "generic-garbage-collector", false,
       [](ControllerContext& c) -> Created {
         return std::make_unique<garbagecollector::GarbageCollector>(c);
       }},
      {"nodelifecycle", "node-controller", false,
       [](ControllerContext& c) -> Created {
         return std::make_unique<nodelifecycle::NodeLifecycleController>(c);
       }},
      {"podgc", "pod-garbage-collector", false,
       [](ControllerContext& c) -> Created { return std::make_unique<podgc::PodGcController>(c); }},
      {"service-lb", "service-controller", false,
       [](ControllerContext& c) -> Created {
         return std::make_unique<servicelb::ServiceLbController>(c);
       }},
      {"persistentvolume-binder", "persistent-volume-binder", false,
       [](ControllerContext& c) -> Created {
         return std::make_unique<persistentvolume::BinderController>(c);
       }},
      {"nodeipam", "node-controller", false,
       [](ControllerContext& c) -> Created {
         if (!c.settings.allocate_node_cidrs) return std::unique_ptr<ControllerInterface>();
         auto controller = nodeipam::NodeIpamController::Create(c);
         if (!controller.ok()) return controller.status();
         return std::unique_ptr<ControllerInterface>(std::move(*controller));
       }},
      {"serviceaccount", "service-account-controller", false,
       [](ControllerContext& c) -> Created {
         return std::make_unique<serviceaccount::ServiceAccountsController>(c);
       }},
      {"root-ca-cert-publisher", "root-ca-cert-publisher", false,
       [](ControllerContext& c) -> Created {
         return rootcacertpublisher::RootCaCertPublisher::Create(c);
       }},
      {"clusterrole-aggregation", "clusterrole-aggregation-controller", false,
       [](ControllerContext& c) -> Created {
         return std::make_unique<clusterroleaggregation::ClusterRoleAggregationController>(c);
       }},
      {"csrapproving", "certificate-controller", false,
       [](ControllerContext& c) -> Created {
         return std::make_unique<csrapproving::CsrApprovingController>(c);
       }},
      {"csrsigning", "certificate-controller", false,
       [](ControllerContext& c) -> Created {
         if (c.settings.cluster_signing_cert_file.empty() ||
             c.settings.cluster_signing_key_file.empty()) {
           return std::unique_ptr<ControllerInterface>();
         }
         auto controller = csrsigning::CsrSigningController::Create(c);
         if (!controller.ok()) return controller.status();
         return std::unique_ptr<ControllerInterface>(std::move(*controller));
       }},
  };
}

}  // namespace

const std::vector<ControllerEntry>& ControllerRegistry() {
  static const std::vector<ControllerEntry>* const registry = new std::vector<ControllerEntry>(Build());
  return *registry;
}

std::vector<std::string> KnownControllers() {
  std::vector<std::string> names;
  for (const ControllerEntry& entry : ControllerRegistry()) names.push_back(entry.name);
  return names;
}

}  // namespace kube::kcm::app
