#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/client/indexer.h"
#include "common/client/reflector.h"
#include "common/client/transport.h"

namespace kube::client {

// What OnDelete receives. When the informer missed the deletion (it happened while
// the watch was down and was noticed at a re-list), `object` is the last state the
// cache knew and `final_state_unknown` is set: client-go's DeletedFinalStateUnknown
// tombstone.
struct DeletedObject {
  std::string key;  // "namespace/name"
  CachedObject object;
  bool final_state_unknown = false;
};

// Callbacks for changes of the cache. Any may be empty. They run on the
// informer's one dispatch thread, in order, one at a time: keep them short (put a
// key in a work queue) and never mutate the objects.
struct EventHandlers {
  std::function<void(const CachedObject& object)> on_add;
  // Also called at each resync with old_object == new_object.
  std::function<void(const CachedObject& old_object, const CachedObject& new_object)> on_update;
  std::function<void(const DeletedObject& deleted)> on_delete;
};

using HandlerId = uint64_t;

// client-go's SharedInformer for one resource: a Reflector keeps an Indexer in
// step with the server, and event handlers hear about every change. Handlers
// added after objects are cached first get a synthetic add for each of them.
// Thread-safe. Start() once; Stop() (or destruction) ends it for good; neither
// may be called from a handler.
class SharedInformer : private ReflectorSink {
 public:
  SharedInformer(std::shared_ptr<Transport> transport, Resource resource,
                 InformerOptions options = {});
  ~SharedInformer() override;
  SharedInformer(const SharedInformer&) = delete;
  SharedInformer& operator=(const SharedInformer&) = delete;

  // Adds an index to the cache, before or after Start().
  absl::Status AddIndex(std::string name, IndexFunc func);

  // Registers handlers; they get a synthetic add for every object already cached.
  HandlerId AddEventHandler(EventHandlers handlers);
  // After it returns the handlers are not called again (unless called from a
  // handler itself, which finishes first).
  void RemoveEventHandler(HandlerId id);

  // Starts listing, watching and dispatching. Idempotent.
  void Start();
  // Stops the threads and waits for them; events not yet dispatched are dropped.
  // Idempotent. The cache stays readable.
  void Stop();
  // Asks the threads to stop without waiting (Stop() then waits), so that many
  // informers stop in parallel.
  void RequestStop();

  // Whether the first list has been stored in the cache.
  bool HasSynced() const;
  // Waits until HasSynced() (true) or timeout / Stop() (false).
  bool WaitForCacheSync(absl::Duration timeout) const;

  const Resource& resource() const { return resource_; }
  const InformerOptions& options() const { return options_; }
  // The cache; shared so listers may outlive the informer.
  std::shared_ptr<const Indexer> indexer() const { return indexer_; }
  std::string LastSyncResourceVersion() const { return reflector_.LastResourceVersion(); }

 private:
  enum class Change { kAdd, kUpdate, kDelete };
  struct Notification {
    Change change = Change::kAdd;
    CachedObject old_object;  // kUpdate
    CachedObject object;
    std::string key;            // kDelete
    bool final_state_unknown = false;
    uint64_t sequence = 0;
    HandlerId target = 0;  // 0: every handler registered before it; else only that one
  };
  struct Handler {
    HandlerId id;
    EventHandlers handlers;
    uint64_t first_sequence;  // broadcasts before it are in its synthetic adds
  };

  // ReflectorSink (the reflector's thread)
  void Replace(std::vector<CachedObject> objects) override;
  void Upsert(CachedObject object) override;
  void Delete(CachedObject object) override;

  static Notification Added(CachedObject object);
  static Notification Updated(CachedObject old_object, CachedObject new_object);
  static Notification Deleted(std::string key, CachedObject object, bool final_state_unknown);
  void Notify(Notification notification) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  bool SyncedOrStopping() const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  bool HasWork() const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  void QueueResync() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Dispatch();  // the dispatch thread
  static void Deliver(const Notification& notification, const EventHandlers& handlers);

  const Resource resource_;
  const InformerOptions options_;
  // The cache. Written only under mu_ (so that a snapshot for a new handler and
  // the notification sequence agree); read by listers under its own lock.
  const std::shared_ptr<Indexer> indexer_;
  Reflector reflector_;  // feeds this object from reflector_thread_

  mutable absl::Mutex mu_;
  std::deque<Notification> queue_ ABSL_GUARDED_BY(mu_);  // waiting for Dispatch()
  std::vector<std::shared_ptr<const Handler>> handlers_ ABSL_GUARDED_BY(mu_);
  HandlerId next_handler_id_ ABSL_GUARDED_BY(mu_) = 1;
  uint64_t next_sequence_ ABSL_GUARDED_BY(mu_) = 1;
  bool synced_ ABSL_GUARDED_BY(mu_) = false;
  bool started_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  absl::Time next_resync_ ABSL_GUARDED_BY(mu_) = absl::InfiniteFuture();

  // Held by the dispatch thread from taking a batch until its handlers returned,
  // so RemoveEventHandler can wait for a call in flight. Taken before mu_.
  absl::Mutex delivery_mu_ ABSL_ACQUIRED_BEFORE(mu_);

  std::thread reflector_thread_;  // started and joined under start/stop only
  std::thread dispatch_thread_;
  absl::Mutex lifecycle_mu_;  // serializes Start() and Stop()
};

}  // namespace kube::client
