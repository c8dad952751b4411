#pragma once

#include <map>
#include <memory>

#include "apiserver/generic/store.h"
#include "apiserver/registry/resource_registry.h"

namespace kube::apiserver {

// The stores a request can reach. Lookups are thread-safe.
class StoreView {
 public:
  virtual ~StoreView() = default;
  // The store of a served resource (null for resources never stored).
  virtual const Store* For(const ResourceInfo& resource) const = 0;
  virtual const Store* Find(std::string_view group, std::string_view kind) const = 0;
};

// A resource found in a view that changes (custom resources come and go): its
// description and store, valid while `owner` is held.
struct ResourceHandle {
  const ResourceInfo* resource = nullptr;
  const Store* store = nullptr;
  std::shared_ptr<const void> owner;
};
using ResourceResolver = std::function<std::optional<ResourceHandle>(
    std::string_view group, std::string_view version, std::string_view resource)>;

// One Store per registered resource, sharing one Storage, and the namespace
// lifecycle rule every create goes through: the namespace must exist and not be
// terminating. Built at start-up; read-only afterwards.
class StoreSet : public StoreView {
 public:
  // With `watch_cache`, watches and lists are served from per-resource caches fed
  // by one storage watch (upstream's --watch-cache).
  StoreSet(storage::Storage& storage, const ResourceRegistry& registry, bool watch_cache = true);
  ~StoreSet() override;

  // The store of a registered resource (null only for resources never stored).
  const Store* For(const ResourceInfo& resource) const override;
  const Store* Find(std::string_view group, std::string_view kind) const override;

  // The namespace lifecycle rule, for stores made outside the set (custom
  // resources'); valid while the set lives.
  NamespaceCheck namespace_check() const;

  // Every store's writes pass `chain` (not owned; outlives the set). Start-up only.
  void SetAdmission(const admission::Chain* chain);

  // The feeder of the built-in resources' caches, which custom resources' caches
  // join (null without a watch cache).
  WatchCacheFeeder* feeder() const { return feeder_.get(); }

  // Storage was compacted to `revision`: the watch caches forget that history too.
  void Compacted(storage::Revision revision);

 private:
  absl::Status CheckNamespace(std::string_view ns, std::string_view qualified_resource,
                              std::string_view name) const;

  // Destroyed in reverse: the feeder stops before the caches it feeds go away.
  std::vector<std::unique_ptr<WatchCache>> caches_;
  std::map<const ResourceInfo*, std::unique_ptr<Store>> stores_;
  const Store* namespaces_ = nullptr;
  std::unique_ptr<WatchCacheFeeder> feeder_;
};

}  // namespace kube::apiserver
