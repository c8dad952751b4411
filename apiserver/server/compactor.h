#pragma once

#include <functional>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "apiserver/storage/storage.h"

namespace kube::apiserver {

// Compacts storage history on a timer, as upstream does with etcd
// (--etcd-compaction-interval): each tick compacts to the revision seen at the
// previous tick, so watchers always have at least one interval of history to
// resume from, and the store stays bounded.
class Compactor {
 public:
  // `on_compacted` runs after each successful compaction (the watch caches trim
  // their history with it).
  Compactor(storage::Storage& storage, absl::Duration interval,
            std::function<void(storage::Revision)> on_compacted);
  ~Compactor();  // stops the thread
  Compactor(const Compactor&) = delete;
  Compactor& operator=(const Compactor&) = delete;

 private:
  void Run();

  storage::Storage& storage_;
  const absl::Duration interval_;
  const std::function<void(storage::Revision)> on_compacted_;
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;  // started last in the constructor
};

}  // namespace kube::apiserver
