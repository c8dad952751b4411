#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "apiserver/storage/storage.h"

namespace kube::storage {

struct EtcdOptions {
  // Client URLs of the etcd members, e.g. "http://127.0.0.1:2379". Calls go to one
  // member and move to the next when it fails.
  std::vector<std::string> endpoints;
  // Prepended to every key, so that several clusters (or tests) share one etcd.
  // No sharing cluster's prefix may be a prefix of another's ("/a" and "/ab" overlap).
  std::string key_prefix;
  // Deadline of one attempt against one member.
  absl::Duration request_timeout = absl::Seconds(5);
  // How long a call keeps trying members before it fails Unavailable.
  absl::Duration retry_timeout = absl::Seconds(15);
  // Events a watcher may have waiting before it is dropped with ResourceExhausted.
  size_t watch_buffer_events = 100000;
};

// Opens the store on an etcd v3 cluster (etcd 3.4 or newer) and checks that a
// member answers (Unavailable after retry_timeout otherwise). Revisions are etcd's:
// global to the whole etcd, shared by every key_prefix, and 1 (not 0) on a new etcd.
// Beyond storage.h:
//  - Availability: a call that fails because a member is down, lost its leader or
//    is too slow is retried on the next member, with backoff, for up to
//    retry_timeout; then it fails Unavailable. Every acknowledged write is committed
//    by a majority (etcd guarantees it survives member crashes).
//  - A write is never reported as failed when it may have applied, except as
//    Unavailable: if an attempt failed after reaching etcd and the retry finds the
//    precondition broken (the first attempt may have been the one that broke it),
//    the outcome is unknown and the write fails Unavailable, not AlreadyExists,
//    Aborted or NotFound. Callers retry through their preconditions (read, then
//    write with the revision read).
//  - CompactedRevision is found by probing reads (etcd does not report it): exact,
//    one read in the usual case; compactions by other clients are found too. A store
//    never compacted below revision 2 reports 0.
//  - List at a future revision and Compact to one fail InvalidArgument; Compact at
//    or below the compacted revision is a no-op.
//  - A watch whose member fails resumes on another member without gap or duplicate.
//    It ends with a Compacted error if etcd compacted past it meanwhile.
// Destroying the store ends its watches with Cancelled.
absl::StatusOr<std::unique_ptr<Storage>> OpenEtcdStorage(const EtcdOptions& options);

}  // namespace kube::storage
