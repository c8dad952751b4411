#pragma once

#include <functional>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "apiserver/generic/store.h"

namespace kube::apiserver {

// Keeps something of the server's own (the node authorizer's graph) current with
// one resource, as a client-go informer does over the API but in process: lists,
// watches from the list's revision, and lists again whenever the watch ends (410,
// or dropped for lagging). Owns one thread, which calls the handler.
class StoreInformer {
 public:
  struct Handler {
    // Every object, after a (re)list: replaces what the consumer knew.
    std::function<void(std::vector<SharedObject>)> replace;
    // One ADDED, MODIFIED or DELETED event (for DELETED, the last state).
    std::function<void(const WatchEvent&)> apply;
  };

  // `store` is not owned and outlives the informer.
  StoreInformer(const Store& store, Handler handler);
  ~StoreInformer();  // stops and joins the thread
  StoreInformer(const StoreInformer&) = delete;
  StoreInformer& operator=(const StoreInformer&) = delete;

  // Waits (up to `timeout`) for the first list to be handed over.
  bool WaitForSync(absl::Duration timeout);
  // Waits (up to `timeout`) until every event the watch had received at the time of
  // the call has been handed over, so a reader that saw a change elsewhere in the
  // server finds it applied here too.
  bool WaitUntilCurrent(absl::Duration timeout);

 private:
  void Run();
  // One list-then-watch round; returns when the watch ends or on stop.
  void ListAndWatch();
  bool stopping();

  const Store& store_;
  const Handler handler_;
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  bool synced_ ABSL_GUARDED_BY(mu_) = false;
  // Every event received before this time has been handed over.
  absl::Time current_as_of_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  std::thread thread_;  // started last in the constructor
};

}  // namespace kube::apiserver
