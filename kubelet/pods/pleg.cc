#include "kubelet/pods/pleg.h"

#include "common/log/log.h"
#include "common/util/strings.h"
#include "kubelet/container/labels.h"

namespace kube::kubelet {
namespace {

std::string UidOf(const std::map<std::string, std::string>& labels) {
  auto it = labels.find(kPodUidLabel);
  return it == labels.end() ? "" : it->second;
}

}  // namespace

Pleg::Pleg(Runtime& runtime, absl::Duration period,
           std::function<void(const std::string&)> on_change)
    : runtime_(runtime), period_(period), on_change_(std::move(on_change)) {}

Pleg::~Pleg() { Stop(); }

absl::Status Pleg::Relist() {
  absl::StatusOr<std::vector<PodSandboxStatus>> sandboxes = runtime_.ListPodSandboxes();
  absl::StatusOr<std::vector<ContainerStatus>> containers =
      sandboxes.ok() ? runtime_.ListContainers({}) : sandboxes.status();
  if (!containers.ok()) {
    absl::MutexLock lock(&mu_);
    last_error_ = containers.status();
    return containers.status();
  }
  // Lists come in no particular order; map keys sort them.
  std::map<std::string, std::map<std::string, int>> now;
  for (const PodSandboxStatus& sandbox : *sandboxes) {
    std::string uid = UidOf(sandbox.labels);
    if (!uid.empty()) now[uid]["s" + sandbox.id] = static_cast<int>(sandbox.state);
  }
  for (const ContainerStatus& container : *containers) {
    std::string uid = UidOf(container.labels);
    if (!uid.empty()) now[uid]["c" + container.id] = static_cast<int>(container.state);
  }
  std::map<std::string, std::string> fingerprints;
  for (const auto& [uid, objects] : now) {
    std::string fingerprint;
    for (const auto& [id, state] : objects) kube::StrAppend(&fingerprint, id, "=", state, ";");
    fingerprints[uid] = std::move(fingerprint);
  }
  std::vector<std::string> changed;
  {
    absl::MutexLock lock(&mu_);
    for (const auto& [uid, fingerprint] : fingerprints) {
      auto it = fingerprints_.find(uid);
      if (it == fingerprints_.end() || it->second != fingerprint) changed.push_back(uid);
    }
    for (const auto& [uid, fingerprint] : fingerprints_) {
      if (!fingerprints.contains(uid)) changed.push_back(uid);
    }
    fingerprints_ = std::move(fingerprints);
    last_success_ = absl::Now();
    last_error_ = absl::OkStatus();
  }
  for (const std::string& uid : changed) on_change_(uid);
  return absl::OkStatus();
}

void Pleg::Start() {
  if (thread_.joinable()) return;
  {
    absl::MutexLock lock(&mu_);
    last_success_ = absl::Now();  // healthy until it fails to relist for a while
  }
  thread_ = std::thread([this] {
    while (!stop_.HasBeenNotified()) {
      if (absl::Status status = Relist(); !status.ok()) {
        KLOG(Warning) << "relisting the runtime failed: " << status;
      }
      stop_.WaitForNotificationWithTimeout(period_);
    }
  });
}

void Pleg::Stop() {
  if (!stop_.HasBeenNotified()) stop_.Notify();
  if (thread_.joinable()) thread_.join();
}

absl::Status Pleg::Healthy() {
  absl::MutexLock lock(&mu_);
  if (absl::Now() - last_success_ > absl::Minutes(3)) {
    return absl::UnavailableError(kube::StrCat(
        "PLEG is not healthy: pleg was last seen active ",
        absl::FormatDuration(absl::Trunc(absl::Now() - last_success_, absl::Seconds(1))),
        " ago; threshold is 3m0s",
        last_error_.ok() ? "" : kube::StrCat(": ", last_error_.message())));
  }
  return absl::OkStatus();
}

}  // namespace kube::kubelet
