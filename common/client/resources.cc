#include "common/client/resources.h"

#include "common/log/log.h"
#include "common/util/strings.h"
#include "k8s/apps/v1/apps.pb.h"
#include "k8s/autoscaling/v1/autoscaling.pb.h"
#include "k8s/batch/v1/batch.pb.h"
#include "k8s/certificates/v1/certificates.pb.h"
#include "k8s/coordination/v1/coordination.pb.h"
#include "k8s/core/v1/core.pb.h"
#include "k8s/policy/v1/policy.pb.h"
#include "k8s/rbac/v1/rbac.pb.h"

namespace kube::client {
namespace {

template <typename T, typename TList>
Resource Make(std::string group, std::string plural, bool namespaced) {
  Resource resource;
  resource.group = std::move(group);
  resource.version = "v1";
  resource.resource = std::move(plural);
  resource.kind = T::descriptor()->name();
  resource.namespaced = namespaced;
  resource.prototype = &T::default_instance();
  resource.list_prototype = &TList::default_instance();
  return resource;
}

std::vector<Resource> BuildTable() {
  namespace core = k8s::core::v1;
  namespace apps = k8s::apps::v1;
  namespace batch = k8s::batch::v1;
  namespace rbac = k8s::rbac::v1;
  constexpr char kRbacGroup[] = "rbac.authorization.k8s.io";
  return {
      Make<core::Pod, core::PodList>("", "pods", true),
      Make<core::Service, core::ServiceList>("", "services", true),
      Make<core::Endpoints, core::EndpointsList>("", "endpoints", true),
      Make<core::Node, core::NodeList>("", "nodes", false),
      Make<core::Namespace, core::NamespaceList>("", "namespaces", false),
      Make<core::Event, core::EventList>("", "events", true),
      Make<core::ConfigMap, core::ConfigMapList>("", "configmaps", true),
      Make<core::Secret, core::SecretList>("", "secrets", true),
      Make<core::ReplicationController, core::ReplicationControllerList>(
          "", "replicationcontrollers", true),
      Make<core::PersistentVolume, core::PersistentVolumeList>("", "persistentvolumes", false),
      Make<core::PersistentVolumeClaim, core::PersistentVolumeClaimList>(
          "", "persistentvolumeclaims", true),
      Make<core::ServiceAccount, core::ServiceAccountList>("", "serviceaccounts", true),
      Make<core::PodTemplate, core::PodTemplateList>("", "podtemplates", true),
      Make<core::LimitRange, core::LimitRangeList>("", "limitranges", true),
      Make<core::ResourceQuota, core::ResourceQuotaList>("", "resourcequotas", true),
      Make<apps::Deployment, apps::DeploymentList>("apps", "deployments", true),
      Make<apps::ReplicaSet, apps::ReplicaSetList>("apps", "replicasets", true),
      Make<apps::DaemonSet, apps::DaemonSetList>("apps", "daemonsets", true),
      Make<apps::StatefulSet, apps::StatefulSetList>("apps", "statefulsets", true),
      Make<apps::ControllerRevision, apps::ControllerRevisionList>("apps", "controllerrevisions",
                                                                   true),
      Make<batch::Job, batch::JobList>("batch", "jobs", true),
      Make<batch::CronJob, batch::CronJobList>("batch", "cronjobs", true),
      Make<k8s::coordination::v1::Lease, k8s::coordination::v1::LeaseList>(
          "coordination.k8s.io", "leases", true),
      Make<k8s::policy::v1::PodDisruptionBudget, k8s::policy::v1::PodDisruptionBudgetList>(
          "policy", "poddisruptionbudgets", true),
      Make<k8s::autoscaling::v1::HorizontalPodAutoscaler,
           k8s::autoscaling::v1::HorizontalPodAutoscalerList>(
          "autoscaling", "horizontalpodautoscalers", true),
      Make<k8s::certificates::v1::CertificateSigningRequest,
           k8s::certificates::v1::CertificateSigningRequestList>(
          "certificates.k8s.io", "certificatesigningrequests", false),
      Make<rbac::ClusterRole, rbac::ClusterRoleList>(kRbacGroup, "clusterroles", false),
      Make<rbac::ClusterRoleBinding, rbac::ClusterRoleBindingList>(kRbacGroup,
                                                                   "clusterrolebindings", false),
      Make<rbac::Role, rbac::RoleList>(kRbacGroup, "roles", true),
      Make<rbac::RoleBinding, rbac::RoleBindingList>(kRbacGroup, "rolebindings", true),
  };
}

}  // namespace

const std::vector<Resource>& BuiltInResources() {
  static const std::vector<Resource>* const table = new std::vector<Resource>(BuildTable());
  return *table;
}

const Resource* FindResourceByKind(std::string_view group, std::string_view kind) {
  for (const Resource& resource : BuiltInResources()) {
    if (resource.group == group && resource.kind == kind) return &resource;
  }
  return nullptr;
}

const Resource* FindResourceByPlural(std::string_view group, std::string_view plural) {
  for (const Resource& resource : BuiltInResources()) {
    if (resource.group == group && resource.resource == plural) return &resource;
  }
  return nullptr;
}

const Resource* FindResourceByType(const google::protobuf::Descriptor* type) {
  for (const Resource& resource : BuiltInResources()) {
    if (resource.prototype->GetDescriptor() == type ||
        resource.list_prototype->GetDescriptor() == type) {
      return &resource;
    }
  }
  return nullptr;
}

std::string ApiVersionOf(const Resource& resource) {
  if (resource.group.empty()) return resource.version;
  return StrCat(resource.group, "/", resource.version);
}

std::string QualifiedName(const Resource& resource) {
  if (resource.group.empty()) return resource.resource;
  return StrCat(resource.resource, ".", resource.group);
}

namespace internal {

const Resource& ResourceForTypeOrDie(const google::protobuf::Descriptor* type) {
  const Resource* resource = FindResourceByType(type);
  if (resource == nullptr) {
    KLOG(Fatal) << "ResourceFor<" << type->full_name() << ">: not a built-in resource";
  }
  return *resource;
}

}  // namespace internal
}  // namespace kube::client
