#include "kubelet/pods/pod_manager.h"

#include <google/protobuf/util/message_differencer.h>

#include "common/log/log.h"
#include "common/util/strings.h"
#include "kubelet/token/api_token_fetcher.h"

namespace kube::kubelet {
namespace {

using k8s::core::v1::Pod;

// Whether an update needs a sync: the kubelet's own status writes come back as
// updates and need none.
bool SpecOrMetadataChanged(const Pod& old_pod, const Pod& new_pod) {
  k8s::meta::v1::ObjectMeta a = old_pod.metadata(), b = new_pod.metadata();
  a.clear_resourceversion();
  b.clear_resourceversion();
  a.clear_managedfields();
  b.clear_managedfields();
  using google::protobuf::util::MessageDifferencer;
  if (!MessageDifferencer::Equivalent(a, b) ||
      !MessageDifferencer::Equivalent(old_pod.spec(), new_pod.spec()) ||
      old_pod.status().phase() != new_pod.status().phase()) {
    return true;
  }
  // Readiness gates are conditions others set: Ready follows them.
  if (new_pod.spec().readinessgates().empty()) return false;
  if (old_pod.status().conditions_size() != new_pod.status().conditions_size()) return true;
  for (int i = 0; i < new_pod.status().conditions_size(); ++i) {
    if (old_pod.status().conditions(i).status() != new_pod.status().conditions(i).status()) {
      return true;
    }
  }
  return false;
}

constexpr char kUidIndex[] = "uid";

client::InformerOptions PodInformerOptions(const std::string& node_name) {
  client::InformerOptions options;
  options.field_selector = kube::StrCat("spec.nodeName=", node_name);
  return options;
}

}  // namespace

PodManager::PodManager(std::shared_ptr<client::Transport> transport, Runtime& runtime,
                       events::EventRecorder* recorder, PodManagerOptions options)
    : options_(std::move(options)),
      client_(transport),
      objects_(transport),
      tokens_(ApiTokenFetcher(transport), TokenManagerOptions{.clock = options_.syncer.clock}),
      volumes_(options_.root_dir, objects_, &tokens_),
      prober_(runtime),
      probes_(
          prober_,
          ProbeManagerOptions{options_.probe_threads, options_.syncer.clock,
                              [this](const std::string& uid) { workers_.Enqueue(uid); }, recorder}),
      status_(client_),
      syncer_(PodSyncerDeps{&runtime, &volumes_, &objects_, &probes_, &status_, recorder, &client_},
              options_.syncer),
      workers_(options_.worker_threads, [this](const std::string& uid) { return SyncOne(uid); }),
      pleg_(runtime, options_.relist_period,
            [this](const std::string& uid) { workers_.Enqueue(uid); }),
      informer_(client::Informer<Pod>::New(transport, PodInformerOptions(options_.node_name))) {
  // The cache is the one truth about which pods exist: syncs find their pod by uid
  // there (the handlers run after the cache is updated, possibly after a worker
  // already looked).
  absl::Status indexed = informer_.AddIndex(kUidIndex, [](const Pod& pod) {
    return std::vector<std::string>{pod.metadata().uid()};
  });
  if (!indexed.ok()) KLOG(Fatal) << "pod informer: " << indexed;
  informer_.AddEventHandler({
      .on_add = [this](const std::shared_ptr<const Pod>& pod) {
        workers_.Enqueue(pod->metadata().uid());
      },
      .on_update =
          [this](const std::shared_ptr<const Pod>& old_pod, const std::shared_ptr<const Pod>& pod) {
            if (old_pod == pod || SpecOrMetadataChanged(*old_pod, *pod)) {
              workers_.Enqueue(pod->metadata().uid());
            }
          },
      .on_delete =
          [this](const client::TypedDeletedObject<Pod>& deleted) {
            if (deleted.object != nullptr) workers_.Enqueue(deleted.object->metadata().uid());
          },
  });
}

PodManager::~PodManager() { Stop(); }

absl::Status PodManager::Start(absl::Duration timeout) {
  // Containers get their Services' variables: the list must be complete first.
  if (absl::Status started = objects_.Start(timeout); !started.ok()) return started;
  informer_.Start();
  if (!informer_.WaitForCacheSync(timeout)) {
    return absl::UnavailableError("the pod informer did not sync");
  }
  // Pods that left only files behind (their containers already gone) are cleaned up
  // too; the PLEG's first relist names every pod the runtime still has.
  for (const std::string& uid : volumes_.PodsOnDisk()) workers_.Enqueue(uid);
  workers_.Start();
  probes_.Start();
  pleg_.Start();
  KLOG(Info) << "pod workers started for node " << options_.node_name;
  return absl::OkStatus();
}

void PodManager::Stop() {
  informer_.Stop();
  objects_.Stop();
  pleg_.Stop();
  workers_.Stop();
  probes_.Stop();
}

absl::StatusOr<absl::Duration> PodManager::SyncOne(const std::string& uid) {
  std::shared_ptr<const Pod> pod;
  absl::StatusOr<std::vector<std::shared_ptr<const Pod>>> found =
      informer_.lister().ByIndex(kUidIndex, uid);
  if (found.ok() && !found->empty()) pod = found->front();
  return syncer_.Sync(uid, pod);
}

}  // namespace kube::kubelet
