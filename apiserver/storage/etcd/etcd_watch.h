#pragma once

#include <cstddef>
#include <deque>
#include <memory>
#include <set>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "apiserver/storage/etcd/etcd_client.h"
#include "apiserver/storage/etcd/etcd_compaction.h"
#include "apiserver/storage/etcd/etcd_keys.h"
#include "apiserver/storage/storage.h"

namespace kube::storage::etcd {

class EtcdWatch;

// The live watches of one store, so that closing the store ends them (Cancelled).
// Shared by the store and its watches; thread-safe.
class WatchRegistry {
 public:
  // Registers `watch`; ends it at once if the registry is already closed.
  void Add(EtcdWatch* watch);
  void Remove(EtcdWatch* watch);
  // Ends every watch, present and future, with Cancelled.
  void Close();

 private:
  absl::Mutex mu_;
  std::set<EtcdWatch*> watches_ ABSL_GUARDED_BY(mu_);  // not owned; each removes itself
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
};

// Where and from when one watch streams.
struct WatchSpec {
  KeyRange range;           // etcd keys
  Revision start_revision;  // the first revision to deliver (etcd's start_revision)
  size_t buffer_events;     // events waiting for Next before the watch overflows
};

// One storage watch on one etcd Watch stream, read by a thread of its own into a
// bounded buffer. When the member serving it fails, the thread resumes on the next
// member from the revision after the last event delivered, so the caller sees no
// gap and no duplicate; after retry_timeout without a member it ends Unavailable.
// Other ends: ResourceExhausted (buffer overflow), OutOfRange via CompactedError
// (etcd compacted past the next revision), Cancelled (store closed).
class EtcdWatch final : public Watch {
 public:
  // Starts the stream. The watch registers itself with `registry`.
  static std::unique_ptr<EtcdWatch> Start(std::shared_ptr<const EtcdClient> client,
                                          std::shared_ptr<WatchRegistry> registry,
                                          std::shared_ptr<CompactedMark> compacted, KeySpace keys,
                                          WatchSpec spec);
  ~EtcdWatch() override;  // cancels the stream and joins the thread

  // Watch:
  absl::StatusOr<std::vector<Event>> Next(absl::Duration timeout) override;

  // Ends the watch with `status` once buffered events are read; stops the stream.
  void End(absl::Status status);

 private:
  EtcdWatch(std::shared_ptr<const EtcdClient> client, std::shared_ptr<WatchRegistry> registry,
            std::shared_ptr<CompactedMark> compacted, KeySpace keys, WatchSpec spec);

  // The reader thread: streams, resumes on failure, ends the watch.
  void Run();
  // Streams from member `index` from revision `*next` until the stream breaks
  // (returns its status, with `*next` advanced past every delivered event) or the
  // watch ended for good (returns OK; the end is recorded).
  grpc::Status StreamFrom(size_t index, Revision* next, bool* established);
  // Appends events; false (and the watch ended) if they do not fit.
  bool Deliver(std::vector<Event> events);
  bool Stopping();

  const std::shared_ptr<const EtcdClient> client_;  // constant after construction
  const std::shared_ptr<WatchRegistry> registry_;   // constant after construction
  const std::shared_ptr<CompactedMark> compacted_;  // constant after construction
  const KeySpace keys_;                             // constant after construction
  const WatchSpec spec_;                            // constant after construction

  absl::Mutex mu_;
  std::deque<Event> buffer_ ABSL_GUARDED_BY(mu_);  // delivered, not yet read
  absl::Status end_ ABSL_GUARDED_BY(mu_);          // not OK once the watch ended
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;     // the thread must finish
  // The stream being read, for End to cancel; null between streams.
  std::shared_ptr<grpc::ClientContext> context_ ABSL_GUARDED_BY(mu_);

  std::thread thread_;  // the reader; started last in Start, joined by the destructor
};

}  // namespace kube::storage::etcd
