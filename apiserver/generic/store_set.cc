#include "apiserver/generic/store_set.h"

#include "common/api/errors.h"
#include "common/log/log.h"
#include "common/util/strings.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver {

StoreSet::StoreSet(storage::Storage& storage, const ResourceRegistry& registry,
                   bool watch_cache) {
  NamespaceCheck check = [this](std::string_view ns, std::string_view resource,
                                std::string_view name) {
    return CheckNamespace(ns, resource, name);
  };
  std::vector<WatchCache*> caches;
  std::map<const ResourceInfo*, WatchCache*> cache_of;
  for (const auto& resource : registry.All()) {
    if (!resource->stored) continue;  // reviews: nothing to store, cache or watch
    if (resource->stored_as) continue;  // below, once the version it is stored as has a store
    WatchCache* cache = nullptr;
    if (watch_cache) {
      const ResourceInfo* info = resource.get();
      caches_.push_back(std::make_unique<WatchCache>(
          resource->StoragePrefix(),
          [info](const storage::KeyValue& kv) { return Store::DecodeStored(*info, kv); }));
      cache = caches_.back().get();
      caches.push_back(cache);
    }
    cache_of[resource.get()] = cache;
    stores_[resource.get()] = std::make_unique<Store>(storage, *resource, check, cache);
    if (resource->group.empty() && resource->kind == "Namespace") {
      namespaces_ = stores_[resource.get()].get();
    }
  }
  // Versions served from another's storage share its objects and its cache.
  for (const auto& resource : registry.All()) {
    if (!resource->stored || !resource->stored_as) continue;
    const StorageConversion& conversion = *resource->stored_as;
    const ResourceInfo* stored =
        registry.FindByKind(conversion.group, conversion.version, conversion.kind);
    if (stored == nullptr || stored->stored_as || cache_of.count(stored) == 0) {
      KLOG(Error) << resource->ApiVersion() << " " << resource->kind << " is stored as "
                  << conversion.group << "/" << conversion.version << " " << conversion.kind
                  << ", which is not served: not served either";
      continue;
    }
    stores_[resource.get()] =
        std::make_unique<Store>(storage, *resource, check, cache_of[stored], stored);
  }
  if (!caches.empty()) {
    feeder_ = std::make_unique<WatchCacheFeeder>(storage, "/registry/", std::move(caches));
  }
}

StoreSet::~StoreSet() { feeder_.reset(); }

NamespaceCheck StoreSet::namespace_check() const {
  return [this](std::string_view ns, std::string_view resource, std::string_view name) {
    return CheckNamespace(ns, resource, name);
  };
}

void StoreSet::SetAdmission(const admission::Chain* chain) {
  for (auto& [resource, store] : stores_) store->set_admission(chain);
}

void StoreSet::Compacted(storage::Revision revision) {
  for (auto& cache : caches_) cache->Compact(revision);
}

const Store* StoreSet::For(const ResourceInfo& resource) const {
  auto it = stores_.find(&resource);
  return it == stores_.end() ? nullptr : it->second.get();
}

const Store* StoreSet::Find(std::string_view group, std::string_view kind) const {
  for (const auto& [resource, store] : stores_) {
    if (resource->group == group && resource->kind == kind) return store.get();
  }
  return nullptr;
}

absl::Status StoreSet::CheckNamespace(std::string_view ns, std::string_view qualified_resource,
                                      std::string_view name) const {
  if (namespaces_ == nullptr) return absl::OkStatus();
  absl::StatusOr<SharedObject> object = namespaces_->GetCached("", ns);
  if (!object.ok()) return object.status();
  const auto& namespace_object = static_cast<const k8s::core::v1::Namespace&>(**object);
  if (namespace_object.status().phase() == "Terminating" ||
      namespace_object.metadata().has_deletiontimestamp()) {
    return api::ForbiddenError(qualified_resource, name,
                               StrCat("unable to create new content in namespace ", ns,
                                      " because it is being terminated"));
  }
  return absl::OkStatus();
}

}  // namespace kube::apiserver
