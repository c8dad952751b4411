#pragma once

#include "absl/status/status.h"
#include "kube-proxy/proxier/snapshot.h"

namespace kube::proxy::proxier {

// One way of programming the node's packet filter from a Snapshot: iptables
// (iptables/) or nftables (nftables/). Implementations are driven from the
// proxier's single sync thread and need no locking of their own.
class RuleBackend {
 public:
  virtual ~RuleBackend() = default;

  // Makes the node's rules match `snapshot`, atomically (one iptables-restore or
  // nft transaction), without flushing anything that live traffic depends on
  // first. Does nothing when `snapshot` equals the last one synced successfully
  // and `force` is false; `force` (the periodic resync) rewrites everything
  // anyway, repairing rules someone else removed.
  virtual absl::Status Sync(const Snapshot& snapshot, bool force) = 0;

  // Removes every chain, rule and table this backend programs (--cleanup).
  virtual absl::Status Cleanup() = 0;

  // Rules written by the last successful Sync (for the metrics); 0 before any.
  virtual int RuleCount() const = 0;
};

}  // namespace kube::proxy::proxier
