#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace kube::kcm::replicaset {

// What a controller is still waiting to see in its informer cache after it asked
// for pods to be created or deleted (upstream's UIDTrackingControllerExpectations).
// While a key's expectations are pending, its sync computes status only and does
// not create or delete again: the cache would still show the old count, so a
// burst of creates would otherwise be doubled. Deletions are tracked by pod UID so
// that seeing one deletion twice (deletionTimestamp set, then the pod gone) counts
// once. Expectations older than the TTL are treated as satisfied, so a lost watch
// event cannot wedge a controller. Thread-safe.
class Expectations {
 public:
  using Clock = std::function<absl::Time()>;
  explicit Expectations(absl::Duration ttl = absl::Minutes(5), Clock clock = absl::Now)
      : ttl_(ttl), clock_(std::move(clock)) {}

  // Records that `count` creations for `key` are in flight (replacing any record).
  void ExpectCreations(const std::string& key, int count);
  // Records the UIDs of pods whose deletion `key` asked for (replacing any record).
  void ExpectDeletions(const std::string& key, const std::set<std::string>& uids);
  // A created pod appeared in the cache (or a create failed and never will).
  void CreationObserved(const std::string& key);
  // Lowers the creations still expected by `count` (creates that were skipped).
  void LowerCreations(const std::string& key, int count);
  // A pod that `key` deleted was seen going away (or the delete failed).
  void DeletionObserved(const std::string& key, const std::string& uid);
  // True when nothing is pending for `key`, there is no record, or it expired.
  bool Satisfied(const std::string& key);
  // Forgets `key` (its owner was deleted).
  void Delete(const std::string& key);

 private:
  struct Record {
    int creations = 0;
    std::set<std::string> deletions;
    absl::Time timestamp;
  };

  const absl::Duration ttl_;
  const Clock clock_;
  absl::Mutex mu_;
  std::map<std::string, Record> records_ ABSL_GUARDED_BY(mu_);
};

}  // namespace kube::kcm::replicaset
