// kube-scheduler placing pods on fake Node objects through the real apiserver:
// the filters (node selector, resources, cordon, taints, host ports), spreading,
// and what a pod that fits nowhere is told.

#include <map>
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "tests/support/scheduler_fixture.h"

namespace kube::testing {
namespace {

TEST_CASE("scheduler: an unmatched nodeSelector stays Pending until the node is labelled",
          "[scheduler]") {
  SchedulerCluster cluster;
  cluster.CreateNode(FakeNode("node-1"));
  auto scheduler = cluster.StartScheduler();
  cluster.CreatePod(TestPod("picky").NodeSelector("disk", "ssd"));

  auto pod = cluster.WaitForUnschedulable("picky", scheduler.get());
  REQUIRE(pod != nullptr);
  CHECK(FindCondition(*pod, "PodScheduled")->message() ==
        "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector.");
  CHECK(cluster.CountEvents("FailedScheduling")["picky"] >= 1);

  cluster.PatchNode("node-1", R"({"metadata":{"labels":{"disk":"ssd"}}})");
  pod = cluster.WaitForBound("picky", scheduler.get());
  REQUIRE(pod != nullptr);
  CHECK(pod->spec().nodename() == "node-1");
  const auto* scheduled = FindCondition(*pod, "PodScheduled");
  REQUIRE(scheduled != nullptr);
  CHECK(scheduled->status() == "True");
  auto events = cluster.client().List<k8s::core::v1::Event>("default");
  REQUIRE(events.ok());
  bool found = false;
  for (const auto& event : events->items) {
    if (event->reason() != "Scheduled") continue;
    found = true;
    CHECK(event->message() == "Successfully assigned default/picky to node-1");
    CHECK(event->source().component() == "default-scheduler");
  }
  CHECK(found);
}

TEST_CASE("scheduler: requests beyond capacity stay Pending", "[scheduler]") {
  SchedulerCluster cluster;
  cluster.CreateNode(FakeNode("small-1").Resource("cpu", "1"));
  cluster.CreateNode(FakeNode("small-2").Resource("cpu", "1").Label("zone", "b"));
  cluster.CreateNode(FakeNode("gpu-less").Resource("cpu", "8"));
  auto scheduler = cluster.StartScheduler();
  cluster.CreatePod(TestPod("huge").Request("cpu", "2").NodeSelector("kubernetes.io/hostname", "small-1"));
  cluster.CreatePod(TestPod("greedy").Request("cpu", "16"));
  cluster.CreatePod(TestPod("gpu").Extended("example.com/gpu", "1"));

  auto greedy = cluster.WaitForUnschedulable("greedy", scheduler.get());
  REQUIRE(greedy != nullptr);
  CHECK(FindCondition(*greedy, "PodScheduled")->message() ==
        "0/3 nodes are available: 3 Insufficient cpu.");
  auto huge = cluster.WaitForUnschedulable("huge", scheduler.get());
  REQUIRE(huge != nullptr);
  CHECK(FindCondition(*huge, "PodScheduled")->message() ==
        "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node "
        "affinity/selector.");
  auto gpu = cluster.WaitForUnschedulable("gpu", scheduler.get());
  REQUIRE(gpu != nullptr);
  CHECK(FindCondition(*gpu, "PodScheduled")->message() ==
        "0/3 nodes are available: 3 Insufficient example.com/gpu.");

  // Resources count the moment pods are bound: 8 pods of 1 cpu fill gpu-less.
  for (int i = 0; i < 10; ++i) cluster.CreatePod(TestPod("one-" + std::to_string(i)).Request("cpu", "1"));
  std::map<std::string, int> per_node;
  for (int i = 0; i < 10; ++i) {
    auto pod = cluster.WaitForBound("one-" + std::to_string(i), scheduler.get());
    REQUIRE(pod != nullptr);
    ++per_node[pod->spec().nodename()];
  }
  CHECK(per_node == std::map<std::string, int>{{"gpu-less", 8}, {"small-1", 1}, {"small-2", 1}});
  cluster.CreatePod(TestPod("one-more").Request("cpu", "1"));
  auto more = cluster.WaitForUnschedulable("one-more", scheduler.get());
  REQUIRE(more != nullptr);
  CHECK(FindCondition(*more, "PodScheduled")->message() ==
        "0/3 nodes are available: 3 Insufficient cpu.");
}

TEST_CASE("scheduler: a cordoned node gets nothing new", "[scheduler]") {
  SchedulerCluster cluster;
  cluster.CreateNode(FakeNode("cordoned"));
  cluster.CreateNode(FakeNode("open"));
  cluster.PatchNode("cordoned", R"({"spec":{"unschedulable":true}})");
  auto scheduler = cluster.StartScheduler();
  for (int i = 0; i < 6; ++i) cluster.CreatePod(TestPod("p" + std::to_string(i)).Request("cpu", "100m"));
  for (int i = 0; i < 6; ++i) {
    auto pod = cluster.WaitForBound("p" + std::to_string(i), scheduler.get());
    REQUIRE(pod != nullptr);
    CHECK(pod->spec().nodename() == "open");
  }
  // With the open node cordoned too, nothing fits; a pod tolerating the cordon does.
  cluster.PatchNode("open", R"({"spec":{"unschedulable":true}})");
  cluster.CreatePod(TestPod("late"));
  auto late = cluster.WaitForUnschedulable("late", scheduler.get());
  REQUIRE(late != nullptr);
  CHECK(FindCondition(*late, "PodScheduled")->message() ==
        "0/2 nodes are available: 2 node(s) were unschedulable.");
  cluster.CreatePod(TestPod("daemon").Toleration("node.kubernetes.io/unschedulable", "Exists", "",
                                                 "NoSchedule"));
  CHECK(cluster.WaitForBound("daemon", scheduler.get()) != nullptr);
  // Uncordoning is a node update: the waiting pod is retried and fits.
  cluster.PatchNode("open", R"({"spec":{"unschedulable":false}})");
  auto bound = cluster.WaitForBound("late", scheduler.get());
  REQUIRE(bound != nullptr);
  CHECK(bound->spec().nodename() == "open");
}

TEST_CASE("scheduler: taints and tolerations", "[scheduler]") {
  SchedulerCluster cluster;
  cluster.CreateNode(FakeNode("gpu-node").Taint("dedicated", "gpu", "NoSchedule"));
  cluster.CreateNode(FakeNode("evicting").Taint("maintenance", "", "NoExecute"));
  auto scheduler = cluster.StartScheduler();
  cluster.CreatePod(TestPod("plain"));
  auto plain = cluster.WaitForUnschedulable("plain", scheduler.get());
  REQUIRE(plain != nullptr);
  CHECK(FindCondition(*plain, "PodScheduled")->message() ==
        "0/2 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) "
        "had untolerated taint {maintenance: }.");

  cluster.CreatePod(TestPod("gpu-user").Toleration("dedicated", "Equal", "gpu", "NoSchedule"));
  auto gpu_user = cluster.WaitForBound("gpu-user", scheduler.get());
  REQUIRE(gpu_user != nullptr);
  CHECK(gpu_user->spec().nodename() == "gpu-node");
  cluster.CreatePod(TestPod("wrong-value").Toleration("dedicated", "Equal", "fpga", "NoSchedule"));
  CHECK(cluster.WaitForUnschedulable("wrong-value", scheduler.get()) != nullptr);
  cluster.CreatePod(TestPod("anything").Toleration("", "Exists", "", ""));
  CHECK(cluster.WaitForBound("anything", scheduler.get()) != nullptr);

  // PreferNoSchedule is only a preference: pods avoid the node while another fits.
  cluster.CreateNode(FakeNode("preferred-not").Taint("spot", "true", "PreferNoSchedule"));
  cluster.CreateNode(FakeNode("clean"));
  for (int i = 0; i < 4; ++i) {
    std::string name = "soft-" + std::to_string(i);
    cluster.CreatePod(TestPod(name).Request("cpu", "100m"));
    auto pod = cluster.WaitForBound(name, scheduler.get());
    REQUIRE(pod != nullptr);
    CHECK(pod->spec().nodename() == "clean");
  }
  // The untolerated pod from before now fits the clean node (a node add moved it).
  auto moved = cluster.WaitForBound("plain", scheduler.get());
  REQUIRE(moved != nullptr);
  CHECK(moved->spec().nodename() != "gpu-node");
}

TEST_CASE("scheduler: host ports conflict per node", "[scheduler]") {
  SchedulerCluster cluster;
  cluster.CreateNode(FakeNode("node-a"));
  cluster.CreateNode(FakeNode("node-b"));
  auto scheduler = cluster.StartScheduler();
  std::set<std::string> nodes;
  for (int i = 0; i < 2; ++i) {
    std::string name = "web-" + std::to_string(i);
    cluster.CreatePod(TestPod(name).HostPort(8080));
    auto pod = cluster.WaitForBound(name, scheduler.get());
    REQUIRE(pod != nullptr);
    nodes.insert(pod->spec().nodename());
  }
  CHECK(nodes == std::set<std::string>{"node-a", "node-b"});
  cluster.CreatePod(TestPod("web-2").HostPort(8080));
  auto third = cluster.WaitForUnschedulable("web-2", scheduler.get());
  REQUIRE(third != nullptr);
  CHECK(FindCondition(*third, "PodScheduled")->message() ==
        "0/2 nodes are available: 2 node(s) didn't have free ports for the requested pod ports.");
  // Another port is free everywhere.
  cluster.CreatePod(TestPod("other-port").HostPort(9090));
  CHECK(cluster.WaitForBound("other-port", scheduler.get()) != nullptr);
  // Deleting a pod that holds the port frees it: the waiting pod is retried.
  k8s::meta::v1::DeleteOptions now;
  now.set_graceperiodseconds(0);  // no kubelet here to finish a graceful deletion
  REQUIRE(cluster.client().Delete<k8s::core::v1::Pod>("default", "web-0", now).ok());
  CHECK(cluster.WaitForBound("web-2", scheduler.get()) != nullptr);
}

TEST_CASE("scheduler: a replication controller's pods spread across nodes", "[scheduler]") {
  SchedulerCluster cluster;
  // One big node and two small ones: by free room alone most pods would go to the
  // big one; spreading the controller's pods puts two on each.
  cluster.CreateNode(FakeNode("big").Resource("cpu", "32").Resource("memory", "64Gi"));
  cluster.CreateNode(FakeNode("small-1"));
  cluster.CreateNode(FakeNode("small-2"));
  k8s::core::v1::ReplicationController rc;
  rc.mutable_metadata()->set_name("frontend");
  rc.mutable_metadata()->set_namespace_("default");
  rc.mutable_spec()->set_replicas(0);
  (*rc.mutable_spec()->mutable_selector())["app"] = "frontend";
  auto* labels = rc.mutable_spec()->mutable_template_()->mutable_metadata()->mutable_labels();
  (*labels)["app"] = "frontend";
  auto* container = rc.mutable_spec()->mutable_template_()->mutable_spec()->add_containers();
  container->set_name("app");
  container->set_image("registry.k8s.io/pause:3.9");
  auto created = cluster.client().Create(rc);
  REQUIRE(created.ok());
  const std::string uid = (*created)->metadata().uid();

  auto scheduler = cluster.StartScheduler();
  std::map<std::string, int> per_node;
  for (int i = 0; i < 6; ++i) {
    std::string name = "frontend-" + std::to_string(i);
    cluster.CreatePod(TestPod(name)
                          .Label("app", "frontend")
                          .Request("cpu", "100m")
                          .Request("memory", "100Mi")
                          .Owner("ReplicationController", "frontend", uid));
    auto pod = cluster.WaitForBound(name, scheduler.get());
    REQUIRE(pod != nullptr);
    ++per_node[pod->spec().nodename()];
  }
  CHECK(per_node == std::map<std::string, int>{{"big", 2}, {"small-1", 2}, {"small-2", 2}});
}

TEST_CASE("scheduler: serves healthz, readyz and metrics", "[scheduler]") {
  SchedulerCluster cluster;
  cluster.CreateNode(FakeNode("node-1"));
  auto scheduler = cluster.StartScheduler();
  cluster.CreatePod(TestPod("p"));
  cluster.CreatePod(TestPod("never").NodeSelector("no", "such-node"));
  REQUIRE(cluster.WaitForBound("p", scheduler.get()) != nullptr);
  REQUIRE(cluster.WaitForUnschedulable("never", scheduler.get()) != nullptr);
  std::string metrics = scheduler->Metrics();
  INFO(metrics);
  CHECK(metrics.find("scheduler_schedule_attempts_total{profile=\"default-scheduler\",result=\"scheduled\"} 1\n") != std::string::npos);
  CHECK(metrics.find("scheduler_schedule_attempts_total{profile=\"default-scheduler\",result=\"unschedulable\"} 1\n") != std::string::npos);
  CHECK(metrics.find("scheduler_pending_pods{queue=\"unschedulable\"} 1\n") != std::string::npos);
  CHECK(metrics.find("scheduler_pod_scheduling_sli_duration_seconds_count 1\n") != std::string::npos);
  CHECK(metrics.find("scheduler_leader 1\n") != std::string::npos);
  CHECK(scheduler->Terminate() == 0);
}

}  // namespace
}  // namespace kube::testing
