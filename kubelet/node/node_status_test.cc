#include "kubelet/node/node_status.h"

#include <catch2/catch.hpp>

#include "kubelet/node/machine_info.h"

namespace kube::kubelet {
namespace {

MachineInfo Machine() {
  MachineInfo machine;
  machine.cpus = 4;
  machine.memory_bytes = 8LL * 1024 * 1024 * 1024;
  machine.ephemeral_storage_bytes = 100LL * 1000 * 1000 * 1000;
  machine.internal_ip = "10.0.0.5";
  machine.kernel_version = "6.1.0";
  machine.os_image = "Debian GNU/Linux 12 (bookworm)";
  machine.architecture = "amd64";
  return machine;
}

NodeConfig Config() {
  NodeConfig config;
  config.node_name = "node-1";
  config.labels = {{"zone", "a"}};
  config.pod_cidr = "10.244.1.0/24";
  config.max_pods = 50;
  config.runtime_version = "containerd://1.6.20";
  return config;
}

const k8s::core::v1::NodeCondition* Condition(const k8s::core::v1::NodeStatus& status,
                                              const std::string& type) {
  for (const auto& condition : status.conditions()) {
    if (condition.type() == type) return &condition;
  }
  return nullptr;
}

TEST_CASE("a new node carries labels, podCIDR, capacity, addresses and node info") {
  absl::Time now = absl::FromUnixSeconds(1000);
  k8s::core::v1::Node node = NewNode(Config(), Machine(), absl::OkStatus(), now);
  CHECK(node.metadata().name() == "node-1");
  CHECK(node.metadata().labels().at("kubernetes.io/hostname") == "node-1");
  CHECK(node.metadata().labels().at("kubernetes.io/arch") == "amd64");
  CHECK(node.metadata().labels().at("kubernetes.io/os") == "linux");
  CHECK(node.metadata().labels().at("zone") == "a");
  CHECK(node.spec().podcidr() == "10.244.1.0/24");
  const auto& status = node.status();
  CHECK(status.capacity().at("cpu").string() == "4");
  CHECK(status.capacity().at("memory").string() == "8Gi");
  CHECK(status.capacity().at("pods").string() == "50");
  CHECK(status.allocatable().at("memory").string() == "8092Mi");
  CHECK(status.addresses(0).type() == "InternalIP");
  CHECK(status.addresses(0).address() == "10.0.0.5");
  CHECK(status.addresses(1).type() == "Hostname");
  CHECK(status.nodeinfo().kubeletversion() == "v1.32.0");
  CHECK(status.nodeinfo().containerruntimeversion() == "containerd://1.6.20");
  CHECK(status.nodeinfo().operatingsystem() == "linux");
  CHECK(status.daemonendpoints().kubeletendpoint().port() == 10250);
  REQUIRE(Condition(status, "Ready") != nullptr);
  CHECK(Condition(status, "Ready")->status() == "True");
  CHECK(Condition(status, "Ready")->reason() == "KubeletReady");
  CHECK(Condition(status, "MemoryPressure")->status() == "False");
  CHECK(Condition(status, "DiskPressure")->status() == "False");
  CHECK(Condition(status, "PIDPressure")->status() == "False");
}

TEST_CASE("conditions keep their transition time until their status changes") {
  absl::Time t0 = absl::FromUnixSeconds(1000);
  k8s::core::v1::NodeStatus status;
  SetNodeStatus(Config(), Machine(), absl::OkStatus(), t0, status);
  k8s::core::v1::NodeStatus later = status;
  SetNodeStatus(Config(), Machine(), absl::OkStatus(), t0 + absl::Seconds(10), later);
  CHECK(Condition(later, "Ready")->lasttransitiontime().seconds() == 1000);
  CHECK(Condition(later, "Ready")->lastheartbeattime().seconds() == 1010);
  CHECK_FALSE(NodeStatusChanged(status, later));

  k8s::core::v1::NodeStatus not_ready = later;
  SetNodeStatus(Config(), Machine(), absl::UnavailableError("runtime down"), t0 + absl::Seconds(20),
                not_ready);
  CHECK(NodeStatusChanged(later, not_ready));
  CHECK(Condition(not_ready, "Ready")->status() == "False");
  CHECK(Condition(not_ready, "Ready")->reason() == "KubeletNotReady");
  CHECK(Condition(not_ready, "Ready")->lasttransitiontime().seconds() == 1020);
  CHECK(NodeReadyStatus(not_ready) == "False");
}

TEST_CASE("owned labels are reconciled on an existing node") {
  k8s::core::v1::Node node;
  (*node.mutable_metadata()->mutable_labels())["custom"] = "kept";
  CHECK(ReconcileNodeLabels(Config(), node));
  CHECK(node.metadata().labels().at("custom") == "kept");
  CHECK(node.metadata().labels().at("zone") == "a");
  CHECK_FALSE(ReconcileNodeLabels(Config(), node));
}

TEST_CASE("machine files are parsed") {
  CHECK(ParseMemTotal("MemTotal:       16336412 kB\nMemFree: 1 kB\n") == 16336412LL * 1024);
  CHECK(ParseMemTotal("nothing") == 0);
  CHECK(ParseOsImage("NAME=x\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n") ==
        "Debian GNU/Linux 12 (bookworm)");
  CHECK(ParseOsImage("") == "Linux");
  CHECK(GoArch("x86_64") == "amd64");
  CHECK(GoArch("aarch64") == "arm64");
  MachineInfo real = ReadMachineInfo("/", "");
  CHECK(real.cpus >= 1);
  CHECK(real.memory_bytes > 0);
  CHECK_FALSE(real.internal_ip.empty());
}

}  // namespace
}  // namespace kube::kubelet
