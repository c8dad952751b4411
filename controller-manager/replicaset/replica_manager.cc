#include "controller-manager/replicaset/replica_manager.h"

#include <algorithm>
#include <set>

#include "absl/time/clock.h"
#include "common/log/log.h"
#include "common/util/strings.h"
#include "controller-manager/controller/owner_references_patch.h"
#include "controller-manager/controller/pod_util.h"
#include "controller-manager/replicaset/pod_ranking.h"
#include "controller-manager/replicaset/pod_template.h"

namespace kube::kcm::replicaset {
namespace {

// Whether `ref` names an object of `kind` in the group of `api_version`
// (versions of one group are the same object).
bool SameKind(const k8s::meta::v1::OwnerReference& ref, const std::string& kind,
              const std::string& api_version) {
  auto group = [](const std::string& v) {
    size_t slash = v.find('/');
    return slash == std::string::npos ? std::string() : v.substr(0, slash);
  };
  return ref.kind() == kind && group(ref.apiversion()) == group(api_version);
}

std::map<std::string, std::string> TemplateLabels(const ReplicaOwner& owner) {
  std::map<std::string, std::string> labels;
  if (owner.pod_template == nullptr) return labels;
  for (const auto& [key, value] : owner.pod_template->metadata().labels()) labels[key] = value;
  return labels;
}

}  // namespace

ReplicaManager::ReplicaManager(std::unique_ptr<ReplicaKind> kind, ControllerContext& context,
                               ReplicaManagerOptions options)
    : kind_(std::move(kind)),
      options_(std::move(options)),
      client_(context.client),
      pods_(context.informers.For<Pod>()),
      recorder_(context.recorder),
      controller_(
          [this] {
            client::ControllerOptions o;
            o.name = options_.name;
            o.cache_synced = {[this] { return pods_.HasSynced(); },
                              [this] { return kind_->HasSynced(); }};
            return o;
          }(),
          [this](const std::string& key) { return Sync(key); }) {
  kind_->AddEventHandlers([this](const std::string& key) { controller_.Enqueue(key); },
                          [this](const std::string& key) { expectations_.Delete(key); });
  pods_.AddEventHandler({
      .on_add = [this](const PodPtr& pod) { OnPodAdd(pod); },
      .on_update = [this](const PodPtr& old_pod, const PodPtr& pod) { OnPodUpdate(old_pod, pod); },
      .on_delete = [this](const client::TypedDeletedObject<Pod>& gone) {
        if (gone.object != nullptr) OnPodDelete(gone.object);
      },
  });
}

absl::Status ReplicaManager::Run() { return controller_.Run(options_.workers); }

std::string ReplicaManager::OwnerKeyFor(const Pod& pod) const {
  const auto* ref = ControllerRefOf(pod.metadata());
  if (ref == nullptr || !SameKind(*ref, kind_->kind(), kind_->api_version())) return "";
  return client::ObjectKey(pod.metadata().namespace_(), ref->name());
}

void ReplicaManager::EnqueueMatchingOwners(const Pod& pod) {
  for (const ReplicaOwner& owner : kind_->List(pod.metadata().namespace_())) {
    if (owner.selector.Matches(pod.metadata().labels())) controller_.Enqueue(owner.key());
  }
}

void ReplicaManager::OnPodAdd(const PodPtr& pod) {
  if (pod->metadata().has_deletiontimestamp()) {
    // Seen for the first time already being deleted (after a restart): no
    // creation to observe, but its owner should count it out.
    OnPodDelete(pod);
    return;
  }
  const std::string key = OwnerKeyFor(*pod);
  if (!key.empty()) {
    expectations_.CreationObserved(key);
    controller_.Enqueue(key);
    return;
  }
  if (ControllerRefOf(pod->metadata()) == nullptr) EnqueueMatchingOwners(*pod);
}

void ReplicaManager::OnPodUpdate(const PodPtr& old_pod, const PodPtr& pod) {
  if (old_pod->metadata().resourceversion() == pod->metadata().resourceversion()) return;
  const std::string key = OwnerKeyFor(*pod);
  const std::string old_key = OwnerKeyFor(*old_pod);
  if (pod->metadata().has_deletiontimestamp() && !old_pod->metadata().has_deletiontimestamp()) {
    // Graceful deletion: the pod stops counting now, not when the kubelet is done.
    if (!key.empty()) expectations_.DeletionObserved(key, pod->metadata().uid());
  }
  if (old_key != key && !old_key.empty()) controller_.Enqueue(old_key);
  if (!key.empty()) {
    controller_.Enqueue(key);
    return;
  }
  if (ControllerRefOf(pod->metadata()) == nullptr) EnqueueMatchingOwners(*pod);
}

void ReplicaManager::OnPodDelete(const PodPtr& pod) {
  const std::string key = OwnerKeyFor(*pod);
  if (key.empty()) return;
  expectations_.DeletionObserved(key, pod->metadata().uid());
  controller_.Enqueue(key);
}

absl::Status ReplicaManager::Sync(const std::string& key) {
  auto [ns, name] = client::SplitObjectKey(key);
  absl::StatusOr<std::optional<ReplicaOwner>> found = kind_->Get(ns, name);
  if (!found.ok()) {
    // An invalid selector cannot be fixed by retrying; the next update requeues it.
    KLOG(Warning) << options_.name << ": " << key << ": " << found.status();
    return absl::OkStatus();
  }
  if (!found->has_value()) {
    expectations_.Delete(key);
    return absl::OkStatus();
  }
  const ReplicaOwner& owner = **found;
  if (owner.selector.Empty() || owner.selector.IsNothing()) {
    // It could never count its own pods and would create them forever; the
    // apiserver's validation normally prevents this.
    KLOG(Warning) << options_.name << ": " << key << " has an empty selector; not managing it";
    return absl::OkStatus();
  }
  const bool needs_sync = expectations_.Satisfied(key);

  absl::StatusOr<std::vector<PodPtr>> pods = ClaimPods(owner);
  if (!pods.ok()) return pods.status();

  absl::Status manage = absl::OkStatus();
  if (needs_sync && !owner.meta->has_deletiontimestamp()) manage = ManageReplicas(owner, *pods);

  const absl::Time now = absl::Now();
  ReplicaStatus status = ComputeStatus(*pods, TemplateLabels(owner), owner.min_ready_seconds,
                                       owner.meta->generation(), now);
  if (!(status == owner.status)) {
    absl::Status written = kind_->WriteStatus(owner, status);
    if (!written.ok() && !absl::IsNotFound(written)) return written;
  }
  // Pods that are ready but not yet available become available without any event.
  if (manage.ok() && owner.min_ready_seconds > 0 &&
      status.ready_replicas != status.available_replicas) {
    controller_.queue().AddAfter(key, absl::Seconds(owner.min_ready_seconds));
  }
  return manage;
}

absl::StatusOr<std::vector<ReplicaManager::PodPtr>> ReplicaManager::ClaimPods(
    const ReplicaOwner& owner) {
  std::vector<PodPtr> claimed;
  std::optional<bool> owner_live;  // checked once, lazily, before the first adoption
  absl::Status first_error = absl::OkStatus();
  for (PodPtr& pod : pods_.lister().List(owner.meta->namespace_())) {
    if (!IsPodActive(*pod)) continue;
    const auto& meta = pod->metadata();
    const bool matches = owner.selector.Matches(meta.labels());
    const auto* ref = ControllerRefOf(meta);
    if (ref != nullptr) {
      if (ref->uid() != owner.meta->uid()) continue;  // someone else's
      if (matches) {
        claimed.push_back(std::move(pod));
        continue;
      }
      if (owner.meta->has_deletiontimestamp()) continue;
      // Ours but no longer selected: release it so it can be adopted elsewhere.
      std::vector<k8s::meta::v1::OwnerReference> refs;
      for (const auto& r : meta.ownerreferences()) {
        if (r.uid() != owner.meta->uid()) refs.push_back(r);
      }
      absl::Status released = WriteOwnerRefs(*pod, refs);
      if (!released.ok() && !absl::IsNotFound(released) && first_error.ok()) first_error = released;
      continue;
    }
    if (!matches || owner.meta->has_deletiontimestamp()) continue;
    if (!owner_live.has_value()) {
      // The cache may lag: never adopt for an owner that is gone or going.
      absl::StatusOr<ReplicaOwner> live = kind_->GetLive(owner.meta->namespace_(), owner.meta->name());
      owner_live = live.ok() && live->meta->uid() == owner.meta->uid() &&
                   !live->meta->has_deletiontimestamp();
    }
    if (!*owner_live) continue;
    std::vector<k8s::meta::v1::OwnerReference> refs(meta.ownerreferences().begin(),
                                                    meta.ownerreferences().end());
    refs.push_back(ControllerReference(kind_->api_version(), kind_->kind(), *owner.meta));
    absl::Status adopted = WriteOwnerRefs(*pod, refs);
    if (adopted.ok()) {
      claimed.push_back(std::move(pod));
    } else if (!absl::IsNotFound(adopted) && first_error.ok()) {
      first_error = adopted;
    }
  }
  if (!first_error.ok()) return first_error;
  return claimed;
}

absl::Status ReplicaManager::WriteOwnerRefs(const Pod& pod,
                                            const std::vector<k8s::meta::v1::OwnerReference>& refs) {
  return client_
      .Patch<Pod>(pod.metadata().namespace_(), pod.metadata().name(), client::kMergePatch,
                  OwnerReferencesPatch(pod.metadata(), refs))
      .status();
}

absl::Status ReplicaManager::ManageReplicas(const ReplicaOwner& owner,
                                            const std::vector<PodPtr>& pods) {
  const int diff = static_cast<int>(pods.size()) - owner.replicas;
  if (diff < 0) return CreatePods(owner, std::min(-diff, options_.burst_replicas));
  if (diff > 0) {
    return DeletePods(owner, PodsToDelete(pods, std::min(diff, options_.burst_replicas)));
  }
  return absl::OkStatus();
}

absl::Status ReplicaManager::CreatePods(const ReplicaOwner& owner, int count) {
  const std::string key = owner.key();
  if (owner.pod_template == nullptr) {
    return absl::InvalidArgumentError(StrCat(key, " has no pod template"));
  }
  const auto ref = ControllerReference(kind_->api_version(), kind_->kind(), *owner.meta);
  absl::StatusOr<Pod> pod = PodFromTemplate(*owner.pod_template, *owner.meta, ref);
  if (!pod.ok()) return pod.status();

  // Expect them all before the first create, or its watch event could arrive first.
  expectations_.ExpectCreations(key, count);
  // Slow start: batches of 1, 2, 4, ... so that a template the server rejects
  // costs one failed call, not `count`.
  int created = 0;
  for (int batch = 1; created < count; batch *= 2) {
    const int size = std::min(batch, count - created);
    absl::Status failed = absl::OkStatus();
    for (int i = 0; i < size; ++i) {
      absl::StatusOr<std::unique_ptr<Pod>> result = client_.Create(*pod);
      if (!result.ok()) {
        expectations_.CreationObserved(key);  // it will never show up
        if (failed.ok()) failed = result.status();
        continue;
      }
      recorder_.Record(*owner.object, "Normal", "SuccessfulCreate",
                       StrCat("Created pod: ", (*result)->metadata().name()));
    }
    created += size;
    if (!failed.ok()) {
      expectations_.LowerCreations(key, count - created);  // never attempted
      recorder_.Record(*owner.object, "Warning", "FailedCreate",
                       StrCat("Error creating: ", std::string(failed.message())));
      return failed;
    }
  }
  return absl::OkStatus();
}

absl::Status ReplicaManager::DeletePods(const ReplicaOwner& owner, const std::vector<PodPtr>& pods) {
  const std::string key = owner.key();
  std::set<std::string> uids;
  for (const PodPtr& pod : pods) uids.insert(pod->metadata().uid());
  expectations_.ExpectDeletions(key, uids);
  absl::Status first_error = absl::OkStatus();
  for (const PodPtr& pod : pods) {
    k8s::meta::v1::DeleteOptions options;
    options.mutable_preconditions()->set_uid(pod->metadata().uid());
    absl::StatusOr<std::unique_ptr<Pod>> deleted =
        client_.Delete<Pod>(pod->metadata().namespace_(), pod->metadata().name(), options);
    if (!deleted.ok()) {
      expectations_.DeletionObserved(key, pod->metadata().uid());
      if (!absl::IsNotFound(deleted.status()) && first_error.ok()) first_error = deleted.status();
      continue;
    }
    recorder_.Record(*owner.object, "Normal", "SuccessfulDelete",
                     StrCat("Deleted pod: ", pod->metadata().name()));
  }
  return first_error;
}

}  // namespace kube::kcm::replicaset
