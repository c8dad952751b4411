#include "kubelet/node/node_lease.h"

#include "common/log/log.h"
#include "common/util/strings.h"

namespace kube::kubelet {
namespace {

using k8s::coordination::v1::Lease;

constexpr char kLeaseNamespace[] = "kube-node-lease";

void SetMicroTime(absl::Time time, k8s::meta::v1::MicroTime* out) {
  int64_t micros = absl::ToUnixMicros(time);
  out->set_seconds(micros / 1000000);
  out->set_nanos(static_cast<int32_t>(micros % 1000000) * 1000);
}

}  // namespace

NodeLease::NodeLease(client::Client client, NodeLeaseOptions options)
    : client_(std::move(client)), options_(std::move(options)) {}

NodeLease::~NodeLease() { Stop(); }

absl::Status NodeLease::Renew() {
  absl::MutexLock lock(&mu_);
  const std::string node_uid = options_.node_uid ? options_.node_uid() : "";
  if (lease_ == nullptr) {
    absl::StatusOr<std::unique_ptr<Lease>> current =
        client_.Get<Lease>(kLeaseNamespace, options_.node_name);
    if (current.ok()) {
      lease_ = std::move(*current);
    } else if (!absl::IsNotFound(current.status())) {
      return current.status();
    }
  }
  Lease lease;
  if (lease_ != nullptr) lease = *lease_;
  lease.mutable_metadata()->set_name(options_.node_name);
  lease.mutable_metadata()->set_namespace_(kLeaseNamespace);
  if (!node_uid.empty()) {
    auto* owners = lease.mutable_metadata()->mutable_ownerreferences();
    if (owners->empty() || (*owners)[0].uid() != node_uid) {
      owners->Clear();
      auto* owner = owners->Add();
      owner->set_apiversion("v1");
      owner->set_kind("Node");
      owner->set_name(options_.node_name);
      owner->set_uid(node_uid);
    }
  }
  auto* spec = lease.mutable_spec();
  spec->set_holderidentity(options_.node_name);
  spec->set_leasedurationseconds(options_.lease_duration_seconds);
  SetMicroTime(options_.clock(), spec->mutable_renewtime());

  absl::StatusOr<std::unique_ptr<Lease>> written =
      lease_ == nullptr ? client_.Create(lease) : client_.Update(lease);
  if (!written.ok()) {
    // Conflict or gone: read it afresh next time.
    lease_.reset();
    if (absl::IsNotFound(written.status())) {
      lease.mutable_metadata()->clear_resourceversion();
      lease.mutable_metadata()->clear_uid();
      written = client_.Create(lease);
    }
    if (!written.ok()) return written.status();
  }
  lease_ = std::move(*written);
  return absl::OkStatus();
}

void NodeLease::Start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] { Loop(); });
}

void NodeLease::Stop() {
  if (!stop_.HasBeenNotified()) stop_.Notify();
  if (thread_.joinable()) thread_.join();
}

void NodeLease::Loop() {
  absl::Duration retry = absl::Milliseconds(200);
  while (!stop_.HasBeenNotified()) {
    absl::Status status = Renew();
    absl::Duration wait = options_.renew_interval;
    if (!status.ok()) {
      KLOG(Warning) << "failed to renew lease " << kLeaseNamespace << "/" << options_.node_name
                    << ": " << status;
      wait = std::min(retry, options_.renew_interval);
      retry = std::min(retry * 2, absl::Seconds(7));
    } else {
      retry = absl::Milliseconds(200);
    }
    stop_.WaitForNotificationWithTimeout(wait);
  }
}

}  // namespace kube::kubelet
