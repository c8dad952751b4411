#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/client/indexer.h"
#include "common/client/transport.h"

namespace kube::client {

// How an informer lists and watches.
struct InformerOptions {
  std::string ns;              // "" watches every namespace
  std::string label_selector;  // on the list and the watch: a filtered informer
  std::string field_selector;  // e.g. "spec.nodeName=node-1"
  // Every cached object is re-delivered as an update this often; zero: never.
  absl::Duration resync_period = absl::ZeroDuration();
  int64_t page_size = 500;  // list in pages of this many objects; 0: one request
  // Retries after errors wait from min_backoff, doubling up to max_backoff.
  absl::Duration min_backoff = absl::Milliseconds(100);
  absl::Duration max_backoff = absl::Seconds(10);
  // Each watch asks the server to end it after a random time in [t, 2t), as
  // client-go does, so that load spreads over apiservers.
  absl::Duration watch_timeout = absl::Minutes(5);
  // Start with a WatchList (the state streamed by the watch itself, as client-go
  // 0.35 does) rather than a paged list; a server that refuses it is listed.
  bool watch_list = true;
};

// Where a reflector delivers what it learns. Called from the reflector's thread.
class ReflectorSink {
 public:
  virtual ~ReflectorSink() = default;
  // The complete set of objects at a list's resourceVersion: whatever is cached
  // and not in `objects` was deleted while nobody watched.
  virtual void Replace(std::vector<CachedObject> objects) = 0;
  // A watch event: ADDED or MODIFIED (upsert), or DELETED (final state).
  virtual void Upsert(CachedObject object) = 0;
  virtual void Delete(CachedObject object) = 0;
};

// client-go's Reflector: lists a resource, then watches from the list's
// resourceVersion with bookmarks; re-watches from the last resourceVersion seen
// when a watch ends or the connection drops, and re-lists on 410 Expired/Gone or
// other errors, backing off between failures. The list is a WatchList where the
// server serves one: the initial state arrives as the watch's first events, so no
// response holds the whole collection.
class Reflector {
 public:
  Reflector(std::shared_ptr<Transport> transport, Resource resource, InformerOptions options,
            ReflectorSink* sink);
  Reflector(const Reflector&) = delete;
  Reflector& operator=(const Reflector&) = delete;

  // Lists and watches until Stop(); call on a thread of its own.
  void Run();
  // Makes Run() return soon (within a watch poll, a backoff wait or the call in
  // flight). Any thread.
  void Stop();

  // The resourceVersion of the last list, event or bookmark applied.
  std::string LastResourceVersion() const;

 private:
  // Lists every page and hands the result to the sink.
  absl::Status ListAndReplace();
  // A WatchList: collects the initial events up to the end bookmark, hands them to
  // the sink, and goes on watching on the same stream. Returns how getting the
  // initial state went; once it is in, *watched says how the watch then ended.
  absl::Status WatchListAndReplace(absl::Status* watched, bool* progressed);
  // One watch from the last resourceVersion until it ends; OK when it was closed
  // by the server cleanly. *progressed is set when an event arrived.
  absl::Status WatchOnce(bool* progressed);
  // Applies `stream`'s events until it ends (as WatchOnce), opened at `start`.
  absl::Status Consume(WatchStream& stream, absl::Time start, bool* progressed);
  absl::Status Apply(WatchEvent& event);
  void SetResourceVersion(const google::protobuf::Message& object);
  // Waits `duration` unless stopped; false when stopped.
  bool Sleep(absl::Duration duration);
  bool stopped() const { return stopped_.load(std::memory_order_acquire); }

  const std::shared_ptr<Transport> transport_;
  const Resource resource_;
  const InformerOptions options_;
  ReflectorSink* const sink_;  // not owned; outlives Run()

  std::atomic<bool> stopped_{false};
  // Cleared, on the Run() thread only, once the server refuses a WatchList.
  bool watch_list_ = true;
  mutable absl::Mutex mu_;
  std::string resource_version_ ABSL_GUARDED_BY(mu_);
  bool stop_requested_ ABSL_GUARDED_BY(mu_) = false;  // wakes Sleep()
};

}  // namespace kube::client
