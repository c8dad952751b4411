#include "controller-manager/garbagecollector/garbage_collector.h"

#include <set>

#include "common/api/object.h"
#include "common/client/custom_resources.h"
#include "common/client/resources.h"
#include "common/log/log.h"
#include "common/util/strings.h"

namespace kube::kcm::garbagecollector {
namespace {

constexpr int kConflictRetries = 5;

std::string GroupOf(const std::string& api_version) {
  size_t slash = api_version.find('/');
  return slash == std::string::npos ? "" : api_version.substr(0, slash);
}

}  // namespace

GarbageCollector::GarbageCollector(ControllerContext& context)
    : workers_(context.settings.concurrent_gc_syncs),
      client_(context.client),
      controller_(
          [this] {
            client::ControllerOptions o;
            o.name = "garbage_collector_attempt_to_delete";
            o.max_retries = 0;
            o.cache_synced = {[this] {
              absl::MutexLock lock(&mu_);
              for (const auto& informer : informers_) {
                if (!informer->HasSynced()) return false;
              }
              return true;
            }};
            return o;
          }(),
          [this](const std::string& uid) { return Process(uid); }) {
  for (const client::Resource& resource : client::BuiltInResources()) {
    // Events never own anything and churn the most: not worth a watch.
    if (resource.resource == "events") continue;
    Watch(context.informers, &resource);
  }
  // Custom resources own and are owned as any kind: each CRD's kind is watched too.
  crds_ = context.informers.ForResource(client::CustomResourceDefinitions());
  client::InformerFactory* informers = &context.informers;
  auto changed = [this, informers] { WatchCustomResources(*informers); };
  crds_->AddEventHandler({
      .on_add = [changed](const client::CachedObject&) { changed(); },
      .on_update = [changed](const client::CachedObject&, const client::CachedObject&) { changed(); },
      .on_delete = {},
  });
}

GarbageCollector::~GarbageCollector() = default;

void GarbageCollector::Watch(client::InformerFactory& informers, const client::Resource* r) {
  std::shared_ptr<client::SharedInformer> informer = informers.ForResource(*r);
  {
    informer->AddEventHandler({
        .on_add = [this, r](const client::CachedObject& object) { OnUpsert(*r, *object); },
        .on_update = [this, r](const client::CachedObject&, const client::CachedObject& object) {
          OnUpsert(*r, *object);
        },
        .on_delete = [this, r](const client::DeletedObject& gone) {
          if (gone.object != nullptr) OnDelete(*r, *gone.object);
        },
    });
  }
  absl::MutexLock lock(&mu_);
  informers_.push_back(std::move(informer));
}

void GarbageCollector::WatchCustomResources(client::InformerFactory& informers) {
  std::vector<const client::Resource*> added;
  {
    absl::MutexLock lock(&mu_);
    for (const client::Resource& resource : client::CustomResourcesOf(crds_->indexer()->List())) {
      bool known = false;
      for (const client::Resource& watched : custom_resources_) {
        known |= watched.group == resource.group && watched.resource == resource.resource;
      }
      if (known) continue;
      custom_resources_.push_back(resource);
      added.push_back(&custom_resources_.back());
    }
  }
  for (const client::Resource* resource : added) {
    VLOG(2) << "gc: watching " << resource->resource << "." << resource->group;
    Watch(informers, resource);
  }
}

const client::Resource* GarbageCollector::FindCustomResource(const std::string& group,
                                                             const std::string& kind) {
  absl::MutexLock lock(&mu_);
  for (const client::Resource& resource : custom_resources_) {
    if (resource.group == group && resource.kind == kind) return &resource;
  }
  return nullptr;
}

void GarbageCollector::OnUpsert(const client::Resource& resource,
                                const google::protobuf::Message& object) {
  std::optional<GraphNode> node = NodeFor(resource, object);
  if (!node) return;
  const bool interesting = !node->owners.empty() || node->deleting_dependents || node->orphaning;
  const std::string uid = node->uid;
  std::optional<GraphNode> old = graph_.Upsert(std::move(*node));
  if (interesting) controller_.Enqueue(uid);
  // A dependent that dropped an owner may unblock that owner's foreground deletion.
  if (old) {
    for (const auto& ref : old->owners) controller_.Enqueue(ref.uid());
  }
}

void GarbageCollector::OnDelete(const client::Resource& resource,
                                const google::protobuf::Message& object) {
  const k8s::meta::v1::ObjectMeta* meta = api::ObjectMetaOf(object);
  if (meta == nullptr) return;
  std::optional<GraphNode> removed = graph_.Remove(meta->uid());
  // Its dependents may now be garbage; its owners may be waiting for it.
  for (const GraphNode& dependent : graph_.DependentsOf(meta->uid())) {
    controller_.Enqueue(dependent.uid);
  }
  if (removed) {
    for (const auto& ref : removed->owners) controller_.Enqueue(ref.uid());
  }
}

absl::Status GarbageCollector::Process(const std::string& uid) {
  std::optional<GraphNode> node = graph_.Get(uid);
  if (!node) return absl::OkStatus();
  if (node->orphaning) return Orphan(*node);
  if (node->deleting_dependents) {
    if (absl::Status status = DeleteDependents(*node); !status.ok()) return status;
  }
  if (!node->owners.empty() && !node->being_deleted) return CheckOwners(*node);
  return absl::OkStatus();
}

absl::Status GarbageCollector::Orphan(const GraphNode& owner) {
  for (const GraphNode& dependent : graph_.DependentsOf(owner.uid)) {
    absl::Status status = EditMetadata(dependent, [&](k8s::meta::v1::ObjectMeta& meta) {
      google::protobuf::RepeatedPtrField<k8s::meta::v1::OwnerReference> kept;
      for (const auto& ref : meta.ownerreferences()) {
        if (ref.uid() != owner.uid) *kept.Add() = ref;
      }
      if (kept.size() == meta.ownerreferences_size()) return false;
      *meta.mutable_ownerreferences() = std::move(kept);
      return true;
    });
    if (!status.ok()) return status;
  }
  VLOG(2) << "gc: orphaned the dependents of " << owner.resource->resource << " " << owner.ns
          << "/" << owner.name;
  return EditMetadata(owner, [](k8s::meta::v1::ObjectMeta& meta) {
    google::protobuf::RepeatedPtrField<std::string> kept;
    for (const auto& finalizer : meta.finalizers()) {
      if (finalizer != kOrphanFinalizer) *kept.Add() = finalizer;
    }
    if (kept.size() == meta.finalizers_size()) return false;
    *meta.mutable_finalizers() = std::move(kept);
    return true;
  });
}

absl::Status GarbageCollector::DeleteDependents(const GraphNode& owner) {
  bool blocked = false;
  for (const GraphNode& dependent : graph_.DependentsOf(owner.uid)) {
    for (const auto& ref : dependent.owners) {
      if (ref.uid() == owner.uid && ref.blockownerdeletion()) blocked = true;
    }
    if (dependent.being_deleted) continue;
    // Dependents with dependents of their own go the same (foreground) way.
    const bool has_dependents = !graph_.DependentsOf(dependent.uid).empty();
    absl::Status status = DeleteObject(dependent, has_dependents ? "Foreground" : "Background");
    if (!status.ok()) return status;
  }
  if (blocked) return absl::OkStatus();  // their deletion events bring us back
  return EditMetadata(owner, [](k8s::meta::v1::ObjectMeta& meta) {
    google::protobuf::RepeatedPtrField<std::string> kept;
    for (const auto& finalizer : meta.finalizers()) {
      if (finalizer != kForegroundFinalizer) *kept.Add() = finalizer;
    }
    if (kept.size() == meta.finalizers_size()) return false;
    *meta.mutable_finalizers() = std::move(kept);
    return true;
  });
}

absl::StatusOr<GarbageCollector::OwnerState> GarbageCollector::StateOf(
    const k8s::meta::v1::OwnerReference& ref, const std::string& dependent_ns) {
  if (std::optional<GraphNode> owner = graph_.Get(ref.uid())) {
    return owner->deleting_dependents && ref.blockownerdeletion() ? OwnerState::kWaitingForDependents
                                                                   : OwnerState::kExists;
  }
  // Not in the graph: maybe not seen yet, so ask the server before deleting.
  const client::Resource* resource = client::FindResourceByKind(GroupOf(ref.apiversion()), ref.kind());
  if (resource == nullptr) resource = FindCustomResource(GroupOf(ref.apiversion()), ref.kind());
  if (resource == nullptr) return OwnerState::kExists;  // a kind we cannot check: keep
  absl::StatusOr<client::ObjectPtr> live =
      client_.transport().Get(*resource, resource->namespaced ? dependent_ns : "", ref.name());
  if (absl::IsNotFound(live.status())) return OwnerState::kAbsent;
  if (!live.ok()) return live.status();
  const k8s::meta::v1::ObjectMeta* meta = api::ObjectMetaOf(**live);
  if (meta == nullptr || meta->uid() != ref.uid()) return OwnerState::kAbsent;  // a namesake
  return OwnerState::kExists;
}

absl::Status GarbageCollector::CheckOwners(const GraphNode& node) {
  std::set<std::string> absent;
  bool solid = false;
  bool waiting = false;
  for (const auto& ref : node.owners) {
    absl::StatusOr<OwnerState> state = StateOf(ref, node.ns);
    if (!state.ok()) return state.status();
    if (*state == OwnerState::kAbsent) absent.insert(ref.uid());
    if (*state == OwnerState::kExists) solid = true;
    if (*state == OwnerState::kWaitingForDependents) waiting = true;
  }
  if (solid) {
    if (absent.empty()) return absl::OkStatus();
    return EditMetadata(node, [&](k8s::meta::v1::ObjectMeta& meta) {
      google::protobuf::RepeatedPtrField<k8s::meta::v1::OwnerReference> kept;
      for (const auto& ref : meta.ownerreferences()) {
        if (absent.count(ref.uid()) == 0) *kept.Add() = ref;
      }
      if (kept.size() == meta.ownerreferences_size()) return false;
      *meta.mutable_ownerreferences() = std::move(kept);
      return true;
    });
  }
  const bool has_dependents = !graph_.DependentsOf(node.uid).empty();
  if (waiting) return DeleteObject(node, has_dependents ? "Foreground" : "Background");
  VLOG(2) << "gc: deleting " << node.resource->resource << " " << node.ns << "/" << node.name
          << ": its owners are gone";
  return DeleteObject(node, "Background");
}

absl::Status GarbageCollector::EditMetadata(
    const GraphNode& node, const std::function<bool(k8s::meta::v1::ObjectMeta&)>& edit) {
  for (int attempt = 0; attempt < kConflictRetries; ++attempt) {
    absl::StatusOr<client::ObjectPtr> live = client_.transport().Get(*node.resource, node.ns, node.name);
    if (absl::IsNotFound(live.status())) return absl::OkStatus();
    if (!live.ok()) return live.status();
    k8s::meta::v1::ObjectMeta* meta = api::MutableObjectMetaOf(**live);
    if (meta == nullptr || meta->uid() != node.uid) return absl::OkStatus();
    if (!edit(*meta)) return absl::OkStatus();
    absl::StatusOr<client::ObjectPtr> written =
        client_.transport().Update(*node.resource, node.ns, **live);
    if (written.ok() || absl::IsNotFound(written.status())) return absl::OkStatus();
    if (!absl::IsAborted(written.status())) return written.status();
  }
  return absl::AbortedError(StrCat("too many conflicts writing ", node.resource->resource, " ",
                                   node.ns, "/", node.name));
}

absl::Status GarbageCollector::DeleteObject(const GraphNode& node, const std::string& propagation) {
  k8s::meta::v1::DeleteOptions options;
  options.mutable_preconditions()->set_uid(node.uid);
  options.set_propagationpolicy(propagation);
  absl::StatusOr<client::ObjectPtr> deleted =
      client_.transport().Delete(*node.resource, node.ns, node.name, options);
  if (deleted.ok() || absl::IsNotFound(deleted.status())) return absl::OkStatus();
  if (absl::IsAborted(deleted.status())) return absl::OkStatus();  // another object by now
  return deleted.status();
}

}  // namespace kube::kcm::garbagecollector
