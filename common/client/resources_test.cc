#include "common/client/resources.h"

#include <catch2/catch.hpp>
#include <set>

#include "k8s/apps/v1/apps.pb.h"
#include "k8s/coordination/v1/coordination.pb.h"
#include "k8s/core/v1/core.pb.h"
#include "k8s/rbac/v1/rbac.pb.h"

namespace kube::client {
namespace {

TEST_CASE("ResourceFor names a generated type's resource") {
  const Resource& pods = ResourceFor<k8s::core::v1::Pod>();
  CHECK(pods.group.empty());
  CHECK(pods.version == "v1");
  CHECK(pods.resource == "pods");
  CHECK(pods.kind == "Pod");
  CHECK(pods.namespaced);
  CHECK(pods.prototype == &k8s::core::v1::Pod::default_instance());
  CHECK(pods.list_prototype == &k8s::core::v1::PodList::default_instance());

  const Resource& deployments = ResourceFor<k8s::apps::v1::Deployment>();
  CHECK(deployments.group == "apps");
  CHECK(ApiVersionOf(deployments) == "apps/v1");
  CHECK(QualifiedName(deployments) == "deployments.apps");
  CHECK(ResourceFor<k8s::coordination::v1::Lease>().group == "coordination.k8s.io");
  CHECK_FALSE(ResourceFor<k8s::core::v1::Node>().namespaced);
  CHECK_FALSE(ResourceFor<k8s::core::v1::Namespace>().namespaced);
  CHECK_FALSE(ResourceFor<k8s::core::v1::PersistentVolume>().namespaced);
  CHECK_FALSE(ResourceFor<k8s::rbac::v1::ClusterRole>().namespaced);
  CHECK(ResourceFor<k8s::rbac::v1::Role>().namespaced);
  CHECK(ApiVersionOf(ResourceFor<k8s::rbac::v1::ClusterRole>()) == "rbac.authorization.k8s.io/v1");
  // The same object every time.
  CHECK(&ResourceFor<k8s::core::v1::Pod>() == &pods);
}

TEST_CASE("built-in resources are found by kind, plural and type") {
  for (const Resource& resource : BuiltInResources()) {
    INFO(resource.resource);
    CHECK(FindResourceByKind(resource.group, resource.kind) == &resource);
    CHECK(FindResourceByPlural(resource.group, resource.resource) == &resource);
    CHECK(FindResourceByType(resource.prototype->GetDescriptor()) == &resource);
    CHECK(FindResourceByType(resource.list_prototype->GetDescriptor()) == &resource);
    CHECK(resource.prototype->GetDescriptor()->name() == resource.kind);
    CHECK(resource.list_prototype->GetDescriptor()->name() == resource.kind + "List");
  }
  std::set<std::string> names;
  for (const Resource& resource : BuiltInResources()) names.insert(QualifiedName(resource));
  for (const char* name :
       {"pods", "services", "endpoints", "nodes", "namespaces", "events", "configmaps", "secrets",
        "replicationcontrollers", "persistentvolumes", "persistentvolumeclaims",
        "serviceaccounts", "deployments.apps", "replicasets.apps", "daemonsets.apps",
        "statefulsets.apps", "controllerrevisions.apps", "jobs.batch", "cronjobs.batch",
        "leases.coordination.k8s.io", "poddisruptionbudgets.policy",
        "clusterroles.rbac.authorization.k8s.io", "clusterrolebindings.rbac.authorization.k8s.io",
        "roles.rbac.authorization.k8s.io", "rolebindings.rbac.authorization.k8s.io"}) {
    CHECK(names.count(name) == 1);
  }
  CHECK(FindResourceByKind("", "Deployment") == nullptr);
  CHECK(FindResourceByPlural("apps", "pods") == nullptr);
  CHECK(FindResourceByType(k8s::core::v1::PodSpec::descriptor()) == nullptr);
}

}  // namespace
}  // namespace kube::client
