#pragma once

#include <cstddef>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "apiserver/storage/storage.h"

namespace kube::storage::sqlite {

// The buffer behind one Watch: events under its prefix, waiting for Next. Writers push
// (through the hub) and never wait; the one reader waits in Next.
class WatcherQueue {
 public:
  // Events at or below `after_revision` are ignored; past `capacity` buffered events
  // the watcher is dropped with ResourceExhausted.
  WatcherQueue(std::string prefix, Revision after_revision, size_t capacity);

  const std::string& prefix() const { return prefix_; }

  // Queues `event` if it matches. Returns false once the watcher has ended (overflow
  // or cancel), telling the hub to drop it.
  bool Push(const std::shared_ptr<const Event>& event);
  // Puts replayed history, all older than any pushed event, ahead of the buffer.
  void PrependHistory(std::vector<Event> history);
  // Ends the stream with `status`; pending and later Next calls return it.
  void End(absl::Status status);

  // See Watch::Next.
  absl::StatusOr<std::vector<Event>> Next(absl::Duration timeout);

 private:
  bool ReadyLocked() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return !events_.empty() || !status_.ok();
  }
  // Drops everything buffered and ends the stream as overflowed.
  void OverflowLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const std::string prefix_;
  const Revision after_revision_;
  const size_t capacity_;

  absl::Mutex mu_;
  // Shared with the other watchers the event went to; copied out by Next.
  std::deque<std::shared_ptr<const Event>> events_ ABSL_GUARDED_BY(mu_);
  absl::Status status_ ABSL_GUARDED_BY(mu_);  // not OK once the stream ended
};

// In-process fan-out of committed events to watchers. Shared (shared_ptr) between the
// store and its watches, so a watch that outlives the store still sees Cancelled.
//
// Lock order: WatchHub::mu_, then WatcherQueue::mu_. The store calls Publish with its
// write lock held, so events arrive in revision order.
class WatchHub {
 public:
  // `last_revision` is the revision of the newest committed write.
  explicit WatchHub(Revision last_revision) : last_published_(last_revision) {}

  // Adds `queue`; every event published from now on reaches it. Returns the revision
  // of the last event published before it joined: everything up to and including it
  // is committed, so the caller reads that part of history from the table. Fails
  // Cancelled after Close.
  absl::StatusOr<Revision> Register(std::shared_ptr<WatcherQueue> queue);
  void Unregister(const WatcherQueue* queue);

  // Delivers a committed event to every matching watcher. Called in revision order.
  void Publish(Event event);

  // Ends every watcher with Cancelled and refuses new ones.
  void Close();

  // Watchers still registered (for tests and metrics).
  size_t WatcherCount();

 private:
  absl::Mutex mu_;
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
  Revision last_published_ ABSL_GUARDED_BY(mu_);
  std::vector<std::shared_ptr<WatcherQueue>> watchers_ ABSL_GUARDED_BY(mu_);
};

// A Watch reading from `queue`, unregistering it from `hub` when destroyed.
std::unique_ptr<Watch> MakeHubWatch(std::shared_ptr<WatchHub> hub,
                                    std::shared_ptr<WatcherQueue> queue);

}  // namespace kube::storage::sqlite
