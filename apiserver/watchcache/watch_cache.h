#pragma once

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <google/protobuf/message.h>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "apiserver/storage/storage.h"

namespace kube::apiserver {

using SharedObject = std::shared_ptr<const google::protobuf::Message>;

// One change as the cache saw it, decoded once and shared by every watcher.
struct CachedEvent {
  storage::EventType type = storage::EventType::kAdded;
  storage::Revision revision = 0;
  std::string key;
  SharedObject object;    // after the change; for deletes the last state
  SharedObject previous;  // before the change (modified, deleted)
};
using SharedEvent = std::shared_ptr<const CachedEvent>;

struct WatchCacheOptions {
  size_t history_events = 10000;   // how far back watches can resume
  size_t watcher_buffer = 10000;   // events one watcher may lag before it is dropped
  absl::Duration catch_up_wait = absl::Seconds(10);  // bound for consistent reads
};

// A stream of cached events under one prefix. One reader.
class CacheWatch {
 public:
  virtual ~CacheWatch() = default;
  // Waits up to `timeout`; an error ends the stream (ResourceExhausted when the
  // reader fell behind or the cache restarted; Cancelled when it stopped).
  virtual absl::StatusOr<std::vector<SharedEvent>> Next(absl::Duration timeout) = 0;
};

// The apiserver's watch cache for one resource (upstream's cacher): a decoded copy
// of every object under the resource's prefix plus a bounded window of recent
// events, kept current by a WatchCacheFeeder. Every REST and gRPC watcher is served
// from memory with its own bounded buffer, so a slow watcher is dropped instead of
// stalling the others; lists are served at a consistent revision without touching
// storage. Thread-safe.
class WatchCache {
 public:
  using DecodeFunc = std::function<absl::StatusOr<std::unique_ptr<google::protobuf::Message>>(
      const storage::KeyValue&)>;

  WatchCache(std::string prefix, DecodeFunc decode, WatchCacheOptions options = {});
  ~WatchCache();  // ends every watcher
  WatchCache(const WatchCache&) = delete;
  WatchCache& operator=(const WatchCache&) = delete;

  const std::string& prefix() const { return prefix_; }

  struct Snapshot {
    std::vector<SharedObject> objects;  // in key order
    storage::Revision revision = 0;
  };
  // The objects under `prefix` (a sub-prefix of the cache's) once the cache has
  // applied every write up to `min_revision` (0: whatever it has). A Timeout error
  // if it cannot catch up within the options' wait.
  absl::StatusOr<Snapshot> List(std::string_view prefix, storage::Revision min_revision);

  // Changes under `prefix` after `after_revision` (0: from now). A revision older
  // than the history window is 410 Expired, as upstream.
  absl::StatusOr<std::unique_ptr<CacheWatch>> Watch(std::string_view prefix,
                                                    storage::Revision after_revision);

  // The cached object at `key`, or null (not there, or not yet seen).
  SharedObject Get(std::string_view key);

  // The newest revision applied (0 before the first Reset).
  storage::Revision revision();

  // Feeder side. Reset replaces the whole state (after a list at `revision`) and
  // ends every watcher, whose clients re-watch. Apply adds one change. AdvanceTo
  // records that every write up to `revision` has been applied, also those under
  // other prefixes, so consistent reads do not wait for an event that will not come.
  void Reset(std::vector<storage::KeyValue> items, storage::Revision revision);
  void Apply(const storage::Event& event);
  void AdvanceTo(storage::Revision revision);
  // Storage history at and below `revision` is gone: so is the cache's, and watches
  // from there get 410 as they would from storage.
  void Compact(storage::Revision revision);

 private:
  class Watcher;

  absl::Status WaitForRevision(storage::Revision revision) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const std::string prefix_;
  const DecodeFunc decode_;
  const WatchCacheOptions options_;

  absl::Mutex mu_;
  std::map<std::string, SharedObject, std::less<>> objects_ ABSL_GUARDED_BY(mu_);
  std::deque<SharedEvent> history_ ABSL_GUARDED_BY(mu_);
  // Every event after this revision is in history_ (the window's lower bound).
  storage::Revision history_start_ ABSL_GUARDED_BY(mu_) = 0;
  storage::Revision revision_ ABSL_GUARDED_BY(mu_) = 0;
  bool ready_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::shared_ptr<Watcher>> watchers_ ABSL_GUARDED_BY(mu_);
};

// Keeps a set of watch caches current from ONE storage watch on their common root
// ("/registry/"): lists everything, then routes each event to the cache whose
// prefix holds its key and advances every cache to the batch's revision (so a
// consistent read of a quiet prefix need not wait for a write under it). Owns one
// thread; re-lists from scratch whenever the storage watch ends. Caches may join and
// leave while it runs (custom resources' as CRDs come and go).
class WatchCacheFeeder {
 public:
  // `caches` are not owned and must outlive the feeder (or leave it first).
  WatchCacheFeeder(storage::Storage& storage, std::string root, std::vector<WatchCache*> caches);
  ~WatchCacheFeeder();
  WatchCacheFeeder(const WatchCacheFeeder&) = delete;
  WatchCacheFeeder& operator=(const WatchCacheFeeder&) = delete;

  // Feeds `cache` (under the root) from now on, first filled with its prefix's
  // objects at the revision the feed has reached, so it misses and repeats nothing.
  absl::Status AddCache(WatchCache* cache);
  // Stops feeding `cache`; once this returns the feeder no longer touches it.
  void RemoveCache(WatchCache* cache);

 private:
  void Run();
  bool Resync(std::unique_ptr<storage::Watch>& watch);
  WatchCache* Route(std::string_view key) const ABSL_SHARED_LOCKS_REQUIRED(caches_mu_);
  bool stopping();

  storage::Storage& storage_;
  const std::string root_;
  // Held while events are applied, so a cache joins between two batches.
  absl::Mutex caches_mu_;
  std::vector<WatchCache*> caches_ ABSL_GUARDED_BY(caches_mu_);  // longest prefix first
  // The revision every cache has been brought to; 0 before the first list.
  storage::Revision applied_ ABSL_GUARDED_BY(caches_mu_) = 0;
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;  // started last in the constructor
};

}  // namespace kube::apiserver
