#include "kubelet/node/node_agent.h"

#include "common/log/log.h"
#include "common/util/strings.h"

namespace kube::kubelet {
namespace {

using k8s::core::v1::Node;

}  // namespace

NodeAgent::NodeAgent(client::Client client, NodeAgentOptions options,
                     events::EventRecorder* recorder)
    : client_(std::move(client)), options_(std::move(options)), recorder_(recorder) {}

NodeAgent::~NodeAgent() { Stop(); }

absl::Status NodeAgent::Register() {
  absl::Status ready = options_.runtime_ready ? options_.runtime_ready() : absl::OkStatus();
  Node node = NewNode(options_.config, options_.machine, ready, options_.clock());
  absl::StatusOr<std::unique_ptr<Node>> created = client_.Create(node);
  std::unique_ptr<Node> registered;
  if (created.ok()) {
    registered = std::move(*created);
    KLOG(Info) << "registered node " << options_.config.node_name;
  } else if (absl::IsAlreadyExists(created.status())) {
    absl::StatusOr<std::unique_ptr<Node>> existing =
        client_.Get<Node>("", options_.config.node_name);
    if (!existing.ok()) return existing.status();
    registered = std::move(*existing);
    if (ReconcileNodeLabels(options_.config, *registered)) {
      absl::StatusOr<std::unique_ptr<Node>> updated = client_.Update(*registered);
      if (!updated.ok()) return updated.status();
      registered = std::move(*updated);
    }
    KLOG(Info) << "node " << options_.config.node_name << " was registered before";
  } else {
    return created.status();
  }
  {
    absl::MutexLock lock(&mu_);
    node_uid_ = registered->metadata().uid();
    last_report_ = absl::InfinitePast();  // write a full status at once
    last_ready_.clear();
  }
  if (recorder_ != nullptr) {
    recorder_->Record(*registered, "Normal", "Starting", "Starting kubelet.");
  }
  return SyncStatus();
}

absl::Status NodeAgent::SyncStatus() {
  absl::StatusOr<std::unique_ptr<Node>> current = client_.Get<Node>("", options_.config.node_name);
  if (!current.ok()) {
    if (absl::IsNotFound(current.status())) {
      absl::MutexLock lock(&mu_);
      node_uid_.clear();
    }
    return current.status();
  }
  const absl::Time now = options_.clock();
  absl::Status ready = options_.runtime_ready ? options_.runtime_ready() : absl::OkStatus();
  Node next;
  next.mutable_metadata()->set_name(options_.config.node_name);
  next.mutable_metadata()->set_uid((*current)->metadata().uid());
  *next.mutable_status() = (*current)->status();
  SetNodeStatus(options_.config, options_.machine, ready, now, *next.mutable_status());
  {
    absl::MutexLock lock(&mu_);
    node_uid_ = (*current)->metadata().uid();
    if (!NodeStatusChanged((*current)->status(), next.status()) &&
        now - last_report_ < options_.report_interval) {
      return absl::OkStatus();
    }
  }
  absl::StatusOr<std::unique_ptr<Node>> written = client_.UpdateStatus(next);
  if (!written.ok()) return written.status();
  std::string ready_now = NodeReadyStatus(next.status());
  bool transition;
  {
    absl::MutexLock lock(&mu_);
    last_report_ = now;
    transition = ready_now != last_ready_;
    last_ready_ = ready_now;
  }
  if (transition && recorder_ != nullptr) {
    bool is_ready = ready_now == "True";
    recorder_->Record(**written, "Normal", is_ready ? "NodeReady" : "NodeNotReady",
                      kube::StrCat("Node ", options_.config.node_name,
                                   " status is now: ", is_ready ? "NodeReady" : "NodeNotReady"));
  }
  return absl::OkStatus();
}

void NodeAgent::Start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] { Loop(); });
}

void NodeAgent::Stop() {
  if (!stop_.HasBeenNotified()) stop_.Notify();
  if (thread_.joinable()) thread_.join();
}

std::string NodeAgent::NodeUid() {
  absl::MutexLock lock(&mu_);
  return node_uid_;
}

bool NodeAgent::Registered() { return !NodeUid().empty(); }

bool NodeAgent::WaitForRegistration(absl::Duration timeout) {
  absl::MutexLock lock(&mu_);
  auto registered = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return !node_uid_.empty(); };
  return mu_.AwaitWithTimeout(absl::Condition(&registered), timeout);
}

void NodeAgent::Loop() {
  absl::Duration retry = absl::Milliseconds(100);
  while (!stop_.HasBeenNotified()) {
    absl::Status status;
    if (!Registered()) {
      status = options_.register_node ? Register() : SyncStatus();
    } else {
      status = SyncStatus();
      if (absl::IsNotFound(status) && options_.register_node) {
        KLOG(Warning) << "node " << options_.config.node_name << " was deleted; registering again";
        continue;
      }
    }
    absl::Duration wait = options_.update_frequency;
    if (!status.ok()) {
      KLOG(Warning) << "node " << options_.config.node_name << ": " << status;
      wait = std::min(retry, options_.update_frequency);
      retry = std::min(retry * 2, absl::Seconds(7));
    } else {
      retry = absl::Milliseconds(100);
    }
    stop_.WaitForNotificationWithTimeout(wait);
  }
}

}  // namespace kube::kubelet
