#pragma once

#include <atomic>
#include <string>

#include "absl/status/statusor.h"
#include "apiserver/storage/etcd/etcd_client.h"
#include "apiserver/storage/storage.h"

namespace kube::storage::etcd {

// What this client knows about etcd's compacted revision: a lower bound, raised by
// the compactions it issues and the compaction errors it sees. etcd compacts one
// keyspace for every client, and never reports the revision in a read's header, so
// the exact answer needs FindCompactedRevision. Thread-safe.
class CompactedMark {
 public:
  // History is known to be compacted to at least `revision`.
  void Raise(Revision revision);
  Revision lower_bound() const { return lower_bound_.load(); }

 private:
  std::atomic<Revision> lower_bound_{0};  // only grows
};

// Finds the revision etcd's history is compacted to, by reading at revisions:
// a read at r succeeds exactly when r >= the compacted revision. The first probe is
// at the mark's lower bound, which is exact unless another client compacted since;
// then a binary search up to the current revision (about log2(revisions) reads).
// `probe_key` is any key (nothing is read but the header). Raises the mark.
// Returns 0 when history was never compacted (or only to revision 1).
absl::StatusOr<Revision> FindCompactedRevision(const EtcdClient& client,
                                               const std::string& probe_key, CompactedMark& mark);

}  // namespace kube::storage::etcd
