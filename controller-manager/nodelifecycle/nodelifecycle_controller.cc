#include "controller-manager/nodelifecycle/nodelifecycle_controller.h"

#include "common/log/log.h"
#include "common/util/strings.h"
#include "controller-manager/controller/pod_util.h"

namespace kube::kcm::nodelifecycle {
namespace {

using k8s::core::v1::Pod;

constexpr char kNodeLeaseNamespace[] = "kube-node-lease";

}  // namespace

NodeLifecycleController::NodeLifecycleController(ControllerContext& context)
    : settings_(context.settings),
      client_(context.client),
      recorder_(context.recorder),
      nodes_(context.informers.For<Node>()),
      leases_(context.informers.For<k8s::coordination::v1::Lease>()),
      pods_(context.informers.For<Pod>()) {}

void NodeLifecycleController::Stop() {
  if (!stop_.HasBeenNotified()) stop_.Notify();
}

absl::Status NodeLifecycleController::Run() {
  while (!(nodes_.HasSynced() && leases_.HasSynced() && pods_.HasSynced())) {
    if (stop_.WaitForNotificationWithTimeout(absl::Milliseconds(100))) {
      return absl::CancelledError("nodelifecycle stopped before caches synced");
    }
  }
  KLOG(Info) << "Caches are synced for nodelifecycle; grace period "
             << settings_.node_monitor_grace_period;
  do {
    MonitorOnce();
  } while (!stop_.WaitForNotificationWithTimeout(settings_.node_monitor_period));
  return absl::OkStatus();
}

void NodeLifecycleController::MonitorOnce() {
  const absl::Time now = absl::Now();
  std::map<std::string, Health> seen;
  for (const auto& node : nodes_.lister().List()) {
    MonitorNode(*node, now);
    seen[node->metadata().name()] = health_[node->metadata().name()];
  }
  health_ = std::move(seen);  // forget deleted nodes
}

void NodeLifecycleController::MonitorNode(const Node& node, absl::Time now) {
  const std::string& name = node.metadata().name();
  auto [it, is_new] = health_.try_emplace(name);
  Health& health = it->second;
  int64_t renew = -1;
  if (auto lease = leases_.lister().Get(kNodeLeaseNamespace, name);
      lease != nullptr && lease->spec().has_renewtime()) {
    renew = lease->spec().renewtime().seconds() * 1000000 + lease->spec().renewtime().nanos() / 1000;
  }
  int64_t heartbeat = -1;
  for (const auto& condition : node.status().conditions()) {
    if (condition.type() == "Ready") heartbeat = condition.lastheartbeattime().seconds();
  }
  // A node first seen gets a full grace period from now, as upstream does.
  if (is_new || renew != health.lease_renew_micros || heartbeat != health.ready_heartbeat_seconds) {
    health.lease_renew_micros = renew;
    health.ready_heartbeat_seconds = heartbeat;
    health.probe_time = now;
  }

  std::string ready = ReadyStatus(node);
  if (now - health.probe_time > settings_.node_monitor_grace_period && ready != "Unknown") {
    KLOG(Info) << "node " << name << " has not renewed its lease for "
               << (now - health.probe_time) << "; marking it Unknown";
    if (absl::Status status = MarkUnknown(node, now); !status.ok()) {
      KLOG(Warning) << "nodelifecycle: marking node " << name << " Unknown: " << status;
      return;
    }
    recorder_.Record(node, "Normal", "NodeNotReady",
                     StrCat("Node ", name, " status is now: NodeNotReady"));
    ready = "Unknown";
    if (absl::Status status = MarkPodsNotReady(name); !status.ok()) {
      KLOG(Warning) << "nodelifecycle: marking pods on " << name << " not ready: " << status;
    }
  }
  if (absl::Status status = WriteTaints(node, ready, now); !status.ok()) {
    KLOG(Warning) << "nodelifecycle: tainting node " << name << ": " << status;
  }
  EvictPods(node, now);
}

absl::Status NodeLifecycleController::MarkUnknown(const Node& node, absl::Time now) {
  absl::StatusOr<std::unique_ptr<Node>> live = client_.Get<Node>("", node.metadata().name());
  if (!live.ok()) return live.status();
  Node updated = **live;
  bool has_ready = false;
  for (auto& condition : *updated.mutable_status()->mutable_conditions()) {
    has_ready |= condition.type() == "Ready";
    if (condition.status() == "Unknown") continue;
    condition.set_status("Unknown");
    condition.set_reason("NodeStatusUnknown");
    condition.set_message("Kubelet stopped posting node status.");
    condition.mutable_lasttransitiontime()->set_seconds(absl::ToUnixSeconds(now));
  }
  if (!has_ready) {
    auto* condition = updated.mutable_status()->add_conditions();
    condition->set_type("Ready");
    condition->set_status("Unknown");
    condition->set_reason("NodeStatusNeverUpdated");
    condition->set_message("Kubelet never posted node status.");
    condition->mutable_lasttransitiontime()->set_seconds(absl::ToUnixSeconds(now));
  }
  return client_.UpdateStatus(updated).status();
}

absl::Status NodeLifecycleController::MarkPodsNotReady(const std::string& node_name) {
  absl::Status first_error = absl::OkStatus();
  for (const auto& pod : pods_.lister().List()) {
    if (pod->spec().nodename() != node_name || !IsPodReady(*pod)) continue;
    Pod updated = *pod;
    for (auto& condition : *updated.mutable_status()->mutable_conditions()) {
      if (condition.type() != "Ready") continue;
      condition.set_status("False");
      condition.mutable_lasttransitiontime()->set_seconds(absl::ToUnixSeconds(absl::Now()));
    }
    absl::Status status = client_.UpdateStatus(updated).status();
    if (!status.ok() && !absl::IsNotFound(status) && first_error.ok()) first_error = status;
  }
  return first_error;
}

absl::Status NodeLifecycleController::WriteTaints(const Node& node, const std::string& ready,
                                                  absl::Time now) {
  auto desired = DesiredTaints(node, ready, now);
  if (SameTaints(desired, node.spec().taints())) return absl::OkStatus();
  // Read-modify-write on the live node: the cache may miss a kubelet's write.
  absl::StatusOr<std::unique_ptr<Node>> live = client_.Get<Node>("", node.metadata().name());
  if (!live.ok()) return live.status();
  Node updated = **live;
  *updated.mutable_spec()->mutable_taints() = DesiredTaints(updated, ready, now);
  if (SameTaints(updated.spec().taints(), (*live)->spec().taints())) return absl::OkStatus();
  KLOG(Info) << "node " << node.metadata().name() << " is " << ready << ": setting "
             << updated.spec().taints_size() << " taints";
  return client_.Update(updated).status();
}

void NodeLifecycleController::EvictPods(const Node& node, absl::Time now) {
  bool no_execute = false;
  for (const auto& taint : node.spec().taints()) no_execute |= taint.effect() == "NoExecute";
  if (!no_execute) return;
  const TolerationDefaults defaults{settings_.default_not_ready_toleration_seconds,
                                    settings_.default_unreachable_toleration_seconds};
  for (const auto& pod : pods_.lister().List()) {
    if (pod->spec().nodename() != node.metadata().name() || pod->metadata().has_deletiontimestamp()) {
      continue;
    }
    std::optional<absl::Time> evict_at = EvictionTime(*pod, node.spec().taints(), defaults, now);
    if (!evict_at || *evict_at > now) continue;
    k8s::meta::v1::DeleteOptions options;
    options.mutable_preconditions()->set_uid(pod->metadata().uid());
    absl::StatusOr<std::unique_ptr<Pod>> deleted =
        client_.Delete<Pod>(pod->metadata().namespace_(), pod->metadata().name(), options);
    if (!deleted.ok() && !absl::IsNotFound(deleted.status())) {
      KLOG(Warning) << "nodelifecycle: evicting " << pod->metadata().name() << ": "
                    << deleted.status();
      continue;
    }
    KLOG(Info) << "evicted pod " << pod->metadata().namespace_() << "/" << pod->metadata().name()
               << " from node " << node.metadata().name();
    recorder_.Record(*pod, "Normal", "TaintManagerEviction",
                     StrCat("Marking for deletion Pod ", pod->metadata().namespace_(), "/",
                            pod->metadata().name()));
  }
}

}  // namespace kube::kcm::nodelifecycle
