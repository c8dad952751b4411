#include "kubelet/node/node_status.h"

#include <google/protobuf/util/message_differencer.h>

#include "common/resource/quantity.h"
#include "common/util/strings.h"
#include "common/version/version.h"
#include "kubelet/container/api_time.h"

namespace kube::kubelet {
namespace {

using k8s::core::v1::NodeCondition;
using k8s::core::v1::NodeStatus;

// Upstream's default hard eviction threshold (memory.available<100Mi) and
// nodefs.available<10%: what allocatable leaves out.
constexpr int64_t kEvictionMemoryBytes = 100 * 1024 * 1024;

// In canonical form, as the apiserver stores it ("16336412Ki" -> "15953Mi"), so that
// an unchanged status compares equal to the stored one.
k8s::resource::Quantity Q(const std::string& text) {
  k8s::resource::Quantity quantity;
  absl::StatusOr<resource::Quantity> parsed = resource::Quantity::Parse(text);
  quantity.set_string(parsed.ok() ? parsed->ToString() : text);
  return quantity;
}

// Bytes in upstream's usual form: Ki when whole.
std::string Bytes(int64_t bytes) {
  if (bytes > 0 && bytes % 1024 == 0) return kube::StrCat(bytes / 1024, "Ki");
  return std::to_string(bytes);
}

void SetCondition(NodeStatus& status, const std::string& type, bool value,
                  const std::string& reason, const std::string& message, absl::Time now) {
  const std::string text = value ? "True" : "False";
  NodeCondition* condition = nullptr;
  for (NodeCondition& existing : *status.mutable_conditions()) {
    if (existing.type() == type) condition = &existing;
  }
  if (condition == nullptr) {
    condition = status.add_conditions();
    condition->set_type(type);
  }
  if (condition->status() != text || !condition->has_lasttransitiontime()) {
    *condition->mutable_lasttransitiontime() = ToApiTime(now);
  }
  condition->set_status(text);
  condition->set_reason(reason);
  condition->set_message(message);
  *condition->mutable_lastheartbeattime() = ToApiTime(now);
}

std::map<std::string, std::string> OwnedLabels(const NodeConfig& config) {
  std::map<std::string, std::string> labels = {
      {"kubernetes.io/hostname", config.node_name},
      {"kubernetes.io/os", "linux"},
      {"beta.kubernetes.io/os", "linux"},
  };
  return labels;
}

}  // namespace

k8s::core::v1::Node NewNode(const NodeConfig& config, const MachineInfo& machine,
                            const absl::Status& runtime_ready, absl::Time now) {
  k8s::core::v1::Node node;
  node.mutable_metadata()->set_name(config.node_name);
  (*node.mutable_metadata()
        ->mutable_annotations())["volumes.kubernetes.io/controller-managed-attach-detach"] = "true";
  ReconcileNodeLabels(config, node);
  (*node.mutable_metadata()->mutable_labels())["kubernetes.io/arch"] = machine.architecture;
  (*node.mutable_metadata()->mutable_labels())["beta.kubernetes.io/arch"] = machine.architecture;
  if (!config.pod_cidr.empty()) {
    node.mutable_spec()->set_podcidr(config.pod_cidr);
    node.mutable_spec()->add_podcidrs(config.pod_cidr);
  }
  SetNodeStatus(config, machine, runtime_ready, now, *node.mutable_status());
  return node;
}

bool ReconcileNodeLabels(const NodeConfig& config, k8s::core::v1::Node& node) {
  auto& labels = *node.mutable_metadata()->mutable_labels();
  bool changed = false;
  auto set = [&](const std::string& key, const std::string& value) {
    auto it = labels.find(key);
    if (it != labels.end() && it->second == value) return;
    labels[key] = value;
    changed = true;
  };
  for (const auto& [key, value] : OwnedLabels(config)) set(key, value);
  for (const auto& [key, value] : config.labels) set(key, value);
  return changed;
}

void SetNodeStatus(const NodeConfig& config, const MachineInfo& machine,
                   const absl::Status& runtime_ready, absl::Time now, NodeStatus& status) {
  auto& capacity = *status.mutable_capacity();
  capacity.clear();
  capacity["cpu"] = Q(std::to_string(machine.cpus));
  capacity["memory"] = Q(Bytes(machine.memory_bytes));
  capacity["pods"] = Q(std::to_string(config.max_pods));
  capacity["ephemeral-storage"] = Q(Bytes(machine.ephemeral_storage_bytes));
  capacity["hugepages-1Gi"] = Q("0");
  capacity["hugepages-2Mi"] = Q("0");
  auto& allocatable = *status.mutable_allocatable();
  allocatable = capacity;
  allocatable["memory"] =
      Q(Bytes(std::max<int64_t>(0, machine.memory_bytes - kEvictionMemoryBytes)));
  allocatable["ephemeral-storage"] = Q(std::to_string(machine.ephemeral_storage_bytes / 10 * 9));

  SetCondition(status, "MemoryPressure", false, "KubeletHasSufficientMemory",
               "kubelet has sufficient memory available", now);
  SetCondition(status, "DiskPressure", false, "KubeletHasNoDiskPressure",
               "kubelet has no disk pressure", now);
  SetCondition(status, "PIDPressure", false, "KubeletHasSufficientPID",
               "kubelet has sufficient PID available", now);
  if (runtime_ready.ok()) {
    SetCondition(status, "Ready", true, "KubeletReady", "kubelet is posting ready status", now);
  } else {
    SetCondition(status, "Ready", false, "KubeletNotReady",
                 kube::StrCat("container runtime not ready: ", runtime_ready.message()), now);
  }

  status.clear_addresses();
  auto* internal = status.add_addresses();
  internal->set_type("InternalIP");
  internal->set_address(machine.internal_ip);
  auto* hostname = status.add_addresses();
  hostname->set_type("Hostname");
  hostname->set_address(config.node_name);

  status.mutable_daemonendpoints()->mutable_kubeletendpoint()->set_port(config.kubelet_port);

  auto* info = status.mutable_nodeinfo();
  info->set_machineid(machine.machine_id);
  info->set_systemuuid(machine.system_uuid);
  info->set_bootid(machine.boot_id);
  info->set_kernelversion(machine.kernel_version);
  info->set_osimage(machine.os_image);
  info->set_containerruntimeversion(config.runtime_version);
  info->set_kubeletversion(version::kGitVersion);
  info->set_operatingsystem("linux");
  info->set_architecture(machine.architecture);
}

bool NodeStatusChanged(const NodeStatus& old_status, const NodeStatus& new_status) {
  NodeStatus a = old_status;
  NodeStatus b = new_status;
  for (NodeStatus* status : {&a, &b}) {
    for (NodeCondition& condition : *status->mutable_conditions()) {
      condition.clear_lastheartbeattime();
    }
  }
  // Equivalent: a field the server left out equals one we set to its default.
  return !google::protobuf::util::MessageDifferencer::Equivalent(a, b);
}

std::string NodeReadyStatus(const NodeStatus& status) {
  for (const NodeCondition& condition : status.conditions()) {
    if (condition.type() == "Ready") return condition.status();
  }
  return "";
}

}  // namespace kube::kubelet
