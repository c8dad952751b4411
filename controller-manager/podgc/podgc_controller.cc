#include "controller-manager/podgc/podgc_controller.h"

#include <map>

#include "common/log/log.h"

namespace kube::kcm::podgc {

using k8s::core::v1::Node;
using k8s::core::v1::Pod;

PodGcController::PodGcController(ControllerContext& context)
    : period_(context.settings.pod_gc_period),
      client_(context.client),
      pods_(context.informers.For<Pod>()),
      nodes_(context.informers.For<Node>()) {}

void PodGcController::Stop() {
  if (!stop_.HasBeenNotified()) stop_.Notify();
}

absl::Status PodGcController::Run() {
  while (!(pods_.HasSynced() && nodes_.HasSynced())) {
    if (stop_.WaitForNotificationWithTimeout(absl::Milliseconds(100))) {
      return absl::CancelledError("podgc stopped before caches synced");
    }
  }
  while (!stop_.WaitForNotificationWithTimeout(period_)) CollectOnce();
  return absl::OkStatus();
}

void PodGcController::CollectOnce() {
  std::map<std::string, bool> node_exists;  // asked of the server once per round
  for (const auto& pod : pods_.lister().List()) {
    const std::string& node_name = pod->spec().nodename();
    if (node_name.empty()) {
      if (pod->metadata().has_deletiontimestamp()) (void)ForceDelete(*pod);
      continue;
    }
    if (nodes_.lister().Get("", node_name) != nullptr) continue;
    auto [it, inserted] = node_exists.try_emplace(node_name, true);
    if (inserted) {
      // The cache may not have a brand-new node yet.
      it->second = !absl::IsNotFound(client_.Get<Node>("", node_name).status());
    }
    if (it->second) continue;
    KLOG(Info) << "podgc: force-deleting pod " << pod->metadata().namespace_() << "/"
               << pod->metadata().name() << " of deleted node " << node_name;
    if (absl::Status status = ForceDelete(*pod); !status.ok()) {
      KLOG(Warning) << "podgc: " << pod->metadata().name() << ": " << status;
    }
  }
}

absl::Status PodGcController::ForceDelete(const Pod& pod) {
  k8s::meta::v1::DeleteOptions options;
  options.set_graceperiodseconds(0);
  options.mutable_preconditions()->set_uid(pod.metadata().uid());
  absl::StatusOr<std::unique_ptr<Pod>> deleted =
      client_.Delete<Pod>(pod.metadata().namespace_(), pod.metadata().name(), options);
  if (absl::IsNotFound(deleted.status())) return absl::OkStatus();
  return deleted.status();
}

}  // namespace kube::kcm::podgc
