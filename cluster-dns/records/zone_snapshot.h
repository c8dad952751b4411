#pragma once

#include <memory>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "cluster-dns/records/zone.h"

namespace kube::dns {

// The zone queries are answered from. Rebuilds publish a whole new Zone; a query
// takes a reference to the current one and answers from it without holding any
// lock, so serving never waits on a rebuild or on the API. Thread-safe.
class ZoneSnapshot {
 public:
  // Null until the first Publish (the server answers SERVFAIL until then).
  std::shared_ptr<const Zone> Current() const {
    absl::MutexLock lock(&mu_);
    return zone_;
  }
  void Publish(std::shared_ptr<const Zone> zone) {
    absl::MutexLock lock(&mu_);
    zone_.swap(zone);
    // The old zone (now in `zone`) is freed after the lock is released, or by
    // the last query still using it.
  }

 private:
  mutable absl::Mutex mu_;  // guards only the pointer swap, never a lookup
  std::shared_ptr<const Zone> zone_ ABSL_GUARDED_BY(mu_);
};

}  // namespace kube::dns
