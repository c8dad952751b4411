// The kubelet's node: registration with machine capacity and node info, the Ready
// condition, the Lease heartbeat, and registering again after the Node is deleted.

#include <catch2/catch.hpp>
#include <filesystem>

#include <httplib.h>

#include "k8s/coordination/v1/coordination.pb.h"
#include "tests/support/kubelet_fixture.h"

namespace kube::testing {
namespace {

using k8s::coordination::v1::Lease;
using k8s::core::v1::Node;

const k8s::core::v1::NodeCondition* NodeCondition(const Node& node, const std::string& type) {
  for (const auto& condition : node.status().conditions()) {
    if (condition.type() == type) return &condition;
  }
  return nullptr;
}

std::unique_ptr<Node> WaitForReadyNode(KubeletCluster& cluster, const std::string& name) {
  std::unique_ptr<Node> node;
  bool ready = WaitUntil([&] {
    auto got = cluster.client().Get<Node>("", name);
    if (!got.ok()) return false;
    node = std::move(*got);
    const auto* condition = NodeCondition(*node, "Ready");
    return condition != nullptr && condition->status() == "True";
  });
  if (!ready) UNSCOPED_INFO("kubelet log:\n" << cluster.kubelet().log());
  return ready ? std::move(node) : nullptr;
}

TEST_CASE("kubelet: the node registers Ready with capacity, node info and labels", "[kubelet]") {
  KubeletCluster cluster({"--node-labels", "zone=a,tier=front", "--pod-cidr", "10.244.7.0/24",
                          "--max-pods", "42", "--port", "10777"});
  std::unique_ptr<Node> node = WaitForReadyNode(cluster, "node-1");
  REQUIRE(node != nullptr);
  const auto& labels = node->metadata().labels();
  CHECK(labels.at("kubernetes.io/hostname") == "node-1");
  CHECK(labels.at("kubernetes.io/os") == "linux");
  CHECK(labels.at("zone") == "a");
  CHECK(labels.at("tier") == "front");
  CHECK(node->spec().podcidr() == "10.244.7.0/24");
  const auto& status = node->status();
  CHECK(status.capacity().at("pods").string() == "42");
  CHECK(status.capacity().contains("cpu"));
  CHECK(status.capacity().contains("memory"));
  CHECK(status.allocatable().contains("memory"));
  CHECK(status.nodeinfo().kubeletversion() == "v1.32.0");
  CHECK(status.nodeinfo().containerruntimeversion() == "containerd://1.6.20");
  CHECK(status.nodeinfo().operatingsystem() == "linux");
  CHECK_FALSE(status.nodeinfo().kernelversion().empty());
  CHECK_FALSE(status.nodeinfo().osimage().empty());
  CHECK(status.daemonendpoints().kubeletendpoint().port() == 10777);
  REQUIRE(status.addresses_size() >= 2);
  CHECK(status.addresses(0).type() == "InternalIP");
  CHECK(status.addresses(0).address() == "127.0.0.1");
  CHECK(status.addresses(1).type() == "Hostname");
  CHECK(NodeCondition(*node, "Ready")->reason() == "KubeletReady");
  for (const char* type : {"MemoryPressure", "DiskPressure", "PIDPressure"}) {
    REQUIRE(NodeCondition(*node, type) != nullptr);
    CHECK(NodeCondition(*node, type)->status() == "False");
  }
}

TEST_CASE("kubelet: the lease in kube-node-lease is held and renewed", "[kubelet]") {
  KubeletCluster cluster;
  std::unique_ptr<Lease> first;
  REQUIRE(WaitUntil([&] {
    auto lease = cluster.client().Get<Lease>("kube-node-lease", "node-1");
    if (!lease.ok()) return false;
    first = std::move(*lease);
    return true;
  }));
  CHECK(first->spec().holderidentity() == "node-1");
  CHECK(first->spec().leasedurationseconds() == 40);
  REQUIRE(first->spec().has_renewtime());
  // Renewed every 10 s.
  bool renewed = WaitUntil(
      [&] {
        auto lease = cluster.client().Get<Lease>("kube-node-lease", "node-1");
        return lease.ok() &&
               (*lease)->spec().renewtime().seconds() > first->spec().renewtime().seconds();
      },
      absl::Seconds(25));
  CHECK(renewed);
  auto lease = cluster.client().Get<Lease>("kube-node-lease", "node-1");
  REQUIRE(lease.ok());
  REQUIRE((*lease)->metadata().ownerreferences_size() == 1);
  CHECK((*lease)->metadata().ownerreferences(0).kind() == "Node");
  CHECK((*lease)->metadata().ownerreferences(0).name() == "node-1");
}

TEST_CASE("kubelet: a deleted Node is registered again", "[kubelet]") {
  KubeletCluster cluster({"--node-status-update-frequency", "1s"});
  std::unique_ptr<Node> node = WaitForReadyNode(cluster, "node-1");
  REQUIRE(node != nullptr);
  const std::string old_uid = node->metadata().uid();
  REQUIRE(cluster.client().Delete<Node>("", "node-1").ok());
  std::unique_ptr<Node> again;
  bool back = WaitUntil([&] {
    auto got = cluster.client().Get<Node>("", "node-1");
    if (!got.ok() || (*got)->metadata().uid() == old_uid) return false;
    again = std::move(*got);
    return true;
  });
  INFO(cluster.kubelet().log());
  REQUIRE(back);
  CHECK(again->metadata().labels().at("kubernetes.io/hostname") == "node-1");
}

TEST_CASE("kubelet: the node is NotReady while its runtime is not ready", "[kubelet]") {
  KubeletCluster cluster({"--node-status-update-frequency", "1s"});
  REQUIRE(WaitForReadyNode(cluster, "node-1") != nullptr);
  const std::string flag = cluster.kubelet().root_dir() + "/fake-runtime/not-ready";
  WriteFile(flag, "containerd is down");
  std::unique_ptr<Node> node;
  bool not_ready = WaitUntil([&] {
    auto got = cluster.client().Get<Node>("", "node-1");
    if (!got.ok()) return false;
    node = std::move(*got);
    const auto* ready = NodeCondition(*node, "Ready");
    return ready != nullptr && ready->status() == "False";
  });
  REQUIRE(not_ready);
  CHECK(NodeCondition(*node, "Ready")->reason() == "KubeletNotReady");
  CHECK(NodeCondition(*node, "Ready")->message().find("containerd is down") != std::string::npos);
  std::filesystem::remove(flag);
  CHECK(WaitForReadyNode(cluster, "node-1") != nullptr);
}

}  // namespace
}  // namespace kube::testing

namespace kube::testing {
namespace {

TEST_CASE("kubelet: the localhost healthz port answers health checks and metrics",
          "[kubelet]") {
  const int healthz_port = FreePort();
  KubeletCluster cluster({"--healthz-port", std::to_string(healthz_port)});
  REQUIRE(WaitForReadyNode(cluster, "node-1") != nullptr);
  httplib::Client health("127.0.0.1", healthz_port);
  for (const char* path : {"/healthz", "/livez", "/readyz"}) {
    int status = 0;
    std::string body;
    // Ready once the pod workers run, which is right after the node registers.
    WaitUntil([&] {
      httplib::Result got = health.Get(path);
      status = got ? got->status : 0;
      body = got ? got->body : "";
      return status == 200;
    });
    INFO(path);
    CHECK(status == 200);
    CHECK(body == "ok");
  }
  // A pod started counts in the pod start latency.
  REQUIRE(cluster.client().Create(BoundPod("web", "node-1")).ok());
  REQUIRE(cluster.WaitForPod("web", [](const k8s::core::v1::Pod& pod) { return pod.status().phase() == "Running"; }) !=
          nullptr);
  httplib::Result metrics = health.Get("/metrics");
  REQUIRE(metrics);
  CHECK(metrics->status == 200);
  CHECK(metrics->body.find("kubelet_running_pods 1") != std::string::npos);
  CHECK(metrics->body.find("kubelet_pod_start_duration_seconds_count 1") != std::string::npos);
}

}  // namespace
}  // namespace kube::testing
