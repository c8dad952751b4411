#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <google/protobuf/message.h>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"

namespace kube::client {

// An object in an informer's cache: shared and immutable. Whoever needs to change
// it copies it first.
using CachedObject = std::shared_ptr<const google::protobuf::Message>;

// The values an object is filed under in one index, e.g. {spec.nodeName}. An
// object may be filed under several values, or none.
using IndexFunc = std::function<std::vector<std::string>(const google::protobuf::Message&)>;

// The built-in index every Indexer has: objects by metadata.namespace.
inline constexpr char kNamespaceIndex[] = "namespace";
std::vector<std::string> NamespaceIndexFunc(const google::protobuf::Message& object);

// The cache key, as client-go's MetaNamespaceKeyFunc: "namespace/name", or "name"
// for cluster-scoped objects.
std::string ObjectKey(std::string_view ns, std::string_view name);
std::string ObjectKey(const google::protobuf::Message& object);
// The reverse: {"namespace", "name"}, or {"", "name"}.
std::pair<std::string, std::string> SplitObjectKey(std::string_view key);

// A thread-safe store of objects by key, with named secondary indexes kept up to
// date on every write (client-go's cache.Indexer). Readers share a lock; writers
// are the informer's. Objects are never copied: readers get the shared pointers.
class Indexer {
 public:
  // With the namespace index.
  Indexer();
  Indexer(const Indexer&) = delete;
  Indexer& operator=(const Indexer&) = delete;

  // Adds an index and files every stored object in it. AlreadyExists when an
  // index of that name exists.
  absl::Status AddIndex(std::string name, IndexFunc func);

  // Stores `object` under its key; returns the object it replaced, or nullptr.
  CachedObject Upsert(CachedObject object);
  // Removes the object under `key`; returns it, or nullptr if there was none.
  CachedObject Remove(std::string_view key);

  // nullptr when absent.
  CachedObject Get(std::string_view key) const;
  // Every object (in no particular order).
  std::vector<CachedObject> List() const;
  std::vector<std::string> ListKeys() const;
  size_t size() const;

  // The objects filed under `value` in `index`; NotFound if there is no such index.
  absl::StatusOr<std::vector<CachedObject>> ByIndex(std::string_view index,
                                                    std::string_view value) const;
  // The keys filed under `value` in `index`; NotFound if there is no such index.
  absl::StatusOr<std::vector<std::string>> IndexKeys(std::string_view index,
                                                     std::string_view value) const;
  // Every value `index` has objects under; NotFound if there is no such index.
  absl::StatusOr<std::vector<std::string>> IndexValues(std::string_view index) const;

 private:
  struct Entry {
    CachedObject object;
    // The values the object is filed under, one list per index (indexes_ order).
    std::vector<std::vector<std::string>> filed_under;
  };
  struct Index {
    std::string name;
    IndexFunc func;
    absl::flat_hash_map<std::string, absl::flat_hash_set<std::string>> keys_by_value;
  };

  const Index* FindIndex(std::string_view name) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  void File(const std::string& key, Entry& entry) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Unfile(const std::string& key, const Entry& entry) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, Entry> items_ ABSL_GUARDED_BY(mu_);  // by key
  std::vector<Index> indexes_ ABSL_GUARDED_BY(mu_);  // few; searched linearly
};

}  // namespace kube::client
