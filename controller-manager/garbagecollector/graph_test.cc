#include "controller-manager/garbagecollector/graph.h"

#include <catch2/catch.hpp>

#include "common/client/resources.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::kcm::garbagecollector {
namespace {

k8s::core::v1::Pod PodOwnedBy(const std::string& uid, const std::vector<std::string>& owners) {
  k8s::core::v1::Pod pod;
  pod.mutable_metadata()->set_name("pod-" + uid);
  pod.mutable_metadata()->set_namespace_("default");
  pod.mutable_metadata()->set_uid(uid);
  for (const std::string& owner : owners) {
    auto* ref = pod.mutable_metadata()->add_ownerreferences();
    ref->set_uid(owner);
    ref->set_kind("ReplicationController");
    ref->set_apiversion("v1");
    ref->set_name("rc-" + owner);
  }
  return pod;
}

const client::Resource& Pods() { return client::ResourceFor<k8s::core::v1::Pod>(); }

}  // namespace

TEST_CASE("Graph tracks dependents through updates and removal", "[gc]") {
  Graph graph;
  graph.Upsert(*NodeFor(Pods(), PodOwnedBy("p1", {"rc1"})));
  graph.Upsert(*NodeFor(Pods(), PodOwnedBy("p2", {"rc1", "rc2"})));
  CHECK(graph.DependentsOf("rc1").size() == 2);
  CHECK(graph.DependentsOf("rc2").size() == 1);

  // p2 is orphaned from rc1: the edge goes.
  graph.Upsert(*NodeFor(Pods(), PodOwnedBy("p2", {"rc2"})));
  CHECK(graph.DependentsOf("rc1").size() == 1);

  auto removed = graph.Remove("p1");
  REQUIRE(removed.has_value());
  CHECK(removed->owners.size() == 1);
  CHECK(graph.DependentsOf("rc1").empty());
  CHECK(graph.size() == 1);
  CHECK_FALSE(graph.Remove("p1").has_value());
}

TEST_CASE("NodeFor reads the deletion finalizers only while deleting", "[gc]") {
  k8s::core::v1::Pod pod = PodOwnedBy("p1", {});
  pod.mutable_metadata()->add_finalizers(kForegroundFinalizer);
  auto node = NodeFor(Pods(), pod);
  REQUIRE(node.has_value());
  CHECK_FALSE(node->deleting_dependents);
  pod.mutable_metadata()->mutable_deletiontimestamp()->set_seconds(5);
  pod.mutable_metadata()->add_finalizers(kOrphanFinalizer);
  node = NodeFor(Pods(), pod);
  CHECK(node->being_deleted);
  CHECK(node->deleting_dependents);
  CHECK(node->orphaning);
  pod.mutable_metadata()->clear_uid();
  CHECK_FALSE(NodeFor(Pods(), pod).has_value());
}

}  // namespace kube::kcm::garbagecollector
