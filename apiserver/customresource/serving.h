#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "apiserver/generic/store.h"
#include "apiserver/registry/resource.h"
#include "apiserver/storage/storage.h"
#include "apiserver/watchcache/watch_cache.h"
#include "k8s/apiextensions/v1/apiextensions.pb.h"

namespace kube::apiserver::customresource {

// Everything that serves one CustomResourceDefinition's custom resources: a
// ResourceInfo and a Store per served version (the others convert to the storage
// version, conversion None: only apiVersion changes), one watch cache over the
// storage version's prefix, fed by the built-in caches' feeder. Built whole from one CRD
// revision and replaced whole when the CRD changes, as upstream's crdHandler does;
// immutable once built, so request threads share it. Holders keep it alive.
class Serving {
 public:
  struct Version {
    std::shared_ptr<ResourceInfo> info;
    std::unique_ptr<Store> store;
  };

  // The CRD must be valid (its strategy ran) and its names accepted. With `feeder`
  // (the built-in caches' feeder; outlives the Serving), the custom resources' cache
  // joins it; null: no watch cache.
  static absl::StatusOr<std::unique_ptr<Serving>> Build(
      const k8s::apiextensions::v1::CustomResourceDefinition& crd, storage::Storage& storage,
      NamespaceCheck namespace_check, WatchCacheFeeder* feeder, const admission::Chain* admission);
  ~Serving();

  // The served versions, in discovery order (upstream's version priority).
  const std::vector<Version>& versions() const { return served_; }
  // What a Serving depends on in a CRD: its uid, its spec (by generation) and its
  // accepted names. A status write that changes neither needs no rebuild.
  static std::string Identity(const k8s::apiextensions::v1::CustomResourceDefinition& crd);
  // The Identity of the CRD this was built from.
  const std::string& built_from() const { return built_from_; }
  // Storage was compacted to `revision`.
  void Compacted(storage::Revision revision) const;

 private:
  Serving() = default;

  std::string built_from_;
  std::unique_ptr<WatchCache> cache_;
  // The storage version's, served or not; served versions point at it.
  std::shared_ptr<ResourceInfo> stored_;
  std::vector<Version> served_;
  WatchCacheFeeder* feeder_ = nullptr;  // which feeds cache_; left in the destructor
};

// Upstream's ordering of CRD versions for discovery: GA before beta before alpha,
// higher major then minor first, then the non-Kubernetes-like names alphabetically.
bool VersionPriorityLess(const std::string& a, const std::string& b);

}  // namespace kube::apiserver::customresource
