#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/client/indexer.h"
#include "common/selectors/label_selector.h"

namespace kube::client {

// Typed, read-only queries over an informer's cache (client-go's listers). The
// objects are the cache's own: shared and immutable; copy one to change it.
// Cheap to copy; thread-safe; may outlive the informer.
template <typename T>
class Lister {
 public:
  using Ptr = std::shared_ptr<const T>;

  explicit Lister(std::shared_ptr<const Indexer> indexer) : indexer_(std::move(indexer)) {}

  // nullptr when the cache has no such object. `ns` is "" for cluster-scoped kinds.
  Ptr Get(std::string_view ns, std::string_view name) const {
    return Cast(indexer_->Get(ObjectKey(ns, name)));
  }
  Ptr GetByKey(std::string_view key) const { return Cast(indexer_->Get(key)); }

  // Every cached object the selector matches (all by default), in no order.
  std::vector<Ptr> List(const selectors::LabelSelector& selector = {}) const {
    return Select(indexer_->List(), selector);
  }

  // The same within one namespace, through the namespace index.
  std::vector<Ptr> List(std::string_view ns, const selectors::LabelSelector& selector = {}) const {
    absl::StatusOr<std::vector<CachedObject>> objects = indexer_->ByIndex(kNamespaceIndex, ns);
    return objects.ok() ? Select(*objects, selector) : std::vector<Ptr>();
  }

  // The objects filed under `value` in the named index; NotFound when the cache
  // has no such index.
  absl::StatusOr<std::vector<Ptr>> ByIndex(std::string_view index, std::string_view value) const {
    absl::StatusOr<std::vector<CachedObject>> objects = indexer_->ByIndex(index, value);
    if (!objects.ok()) return objects.status();
    return Select(*objects, selectors::LabelSelector());
  }

  const Indexer& indexer() const { return *indexer_; }

 private:
  // The cache holds only Ts (the informer decodes into T's prototype); anything
  // else would be a lister over the wrong informer, and is skipped.
  static Ptr Cast(const CachedObject& object) {
    if (object == nullptr || object->GetDescriptor() != T::descriptor()) return nullptr;
    return std::static_pointer_cast<const T>(object);
  }

  static std::vector<Ptr> Select(const std::vector<CachedObject>& objects,
                                 const selectors::LabelSelector& selector) {
    std::vector<Ptr> out;
    out.reserve(objects.size());
    for (const CachedObject& object : objects) {
      Ptr typed = Cast(object);
      if (typed == nullptr) continue;
      if (!selector.Empty() && !selector.Matches(typed->metadata().labels())) continue;
      out.push_back(std::move(typed));
    }
    return out;
  }

  std::shared_ptr<const Indexer> indexer_;  // never null
};

}  // namespace kube::client
