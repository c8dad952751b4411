#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace kube::storage {

// A revision is a point in the store's single, global, monotonic history. Every
// successful write (create, update, delete) takes the next revision; it is the
// resourceVersion clients see. Revision 0 means "none" / "latest" depending on use.
using Revision = int64_t;

// One stored key. `value` is opaque to the store (the apiserver keeps protobuf).
struct KeyValue {
  std::string key;
  std::string value;
  Revision create_revision = 0;  // revision of the write that created this key
  Revision mod_revision = 0;     // revision of the last write to this key
};

enum class EventType {
  kAdded,     // key created
  kModified,  // key updated
  kDeleted,   // key deleted
};

// One change, delivered to watchers in revision order, after it committed.
struct Event {
  EventType type = EventType::kAdded;
  // The key after the change. For kDeleted: the last value the key held, with
  // mod_revision set to the revision of the delete.
  KeyValue kv;
  // The key before the change (kModified and kDeleted only; empty for kAdded).
  // Watchers with selectors need it to tell "left the selection" from "changed".
  KeyValue prev_kv;
};

struct ListOptions {
  // Only keys starting with this prefix.
  std::string prefix;
  // Read the state as of this revision; 0 reads the latest. A revision older than the
  // compacted revision fails with a Compacted error (see IsCompacted).
  Revision revision = 0;
  // Only keys >= this key (used to continue a paginated list). Empty: from the start.
  std::string start_key;
  // At most this many items; 0 means no limit.
  int64_t limit = 0;
};

struct ListResult {
  std::vector<KeyValue> items;  // in key order
  // The revision the list was read at (the store's current revision when
  // ListOptions::revision was 0). A paginated caller passes it back to read every
  // page at the same revision.
  Revision revision = 0;
  // True when `limit` cut the list short; continue from the key after the last item.
  bool more = false;
};

// A stream of events for one key prefix. Not thread-safe: one reader at a time.
// Destroying it stops the stream.
class Watch {
 public:
  virtual ~Watch() = default;

  // Waits up to `timeout` for events and returns those available (possibly none on
  // timeout), in revision order. Returns an error when the stream has ended for good:
  // ResourceExhausted if the reader fell too far behind (its buffer overflowed),
  // Cancelled if the store was closed. The caller then opens a new watch.
  virtual absl::StatusOr<std::vector<Event>> Next(absl::Duration timeout) = 0;
};

// The storage interface. Every implementation is safe to call from many threads at
// once and makes every write durable before it returns success: an acknowledged write
// survives a crash of the process (kill -9) or, for networked backends, of a member.
//
// Errors use these codes and nothing else for the conditions they name:
//   NotFound       - the key does not exist
//   AlreadyExists  - Create of a key that exists
//   Aborted        - Update/Delete whose expected revision does not match (a conflict)
//   OutOfRange     - a revision older than the compacted revision (see IsCompacted)
//   Unavailable    - the backend cannot be reached; the caller may retry
class Storage {
 public:
  virtual ~Storage() = default;

  // Returns the current value of `key`.
  virtual absl::StatusOr<KeyValue> Get(std::string_view key) = 0;

  // Returns the keys under options.prefix at one revision, in key order.
  virtual absl::StatusOr<ListResult> List(const ListOptions& options) = 0;

  // Stores `value` under `key` if the key does not exist.
  virtual absl::StatusOr<KeyValue> Create(std::string_view key, std::string_view value) = 0;

  // Replaces the value of an existing `key` if its mod_revision equals
  // `expected_revision`; 0 accepts any revision. On a mismatch returns Aborted.
  virtual absl::StatusOr<KeyValue> Update(std::string_view key, std::string_view value,
                                          Revision expected_revision) = 0;

  // Deletes `key` if its mod_revision equals `expected_revision` (0: any). Returns
  // the last value with mod_revision set to the revision of the delete.
  virtual absl::StatusOr<KeyValue> Delete(std::string_view key, Revision expected_revision) = 0;

  // Streams every change under `prefix` with a revision greater than `after_revision`,
  // first the history still kept, then live changes as they commit. `after_revision`
  // 0 means "from now". Fails with a Compacted error if after_revision is older than
  // the compacted revision. The caller owns the returned watch.
  virtual absl::StatusOr<std::unique_ptr<Watch>> WatchPrefix(std::string_view prefix,
                                                             Revision after_revision) = 0;

  // Forgets history at and below `revision`: older versions of keys and deleted keys
  // are removed; the latest version of every live key stays. Afterwards, reads and
  // watches at revisions below `revision` fail with a Compacted error.
  virtual absl::Status Compact(Revision revision) = 0;

  // The revision of the latest committed write (0 for an empty store).
  virtual absl::StatusOr<Revision> CurrentRevision() = 0;

  // The revision history was last compacted to (0 if never).
  virtual absl::StatusOr<Revision> CompactedRevision() = 0;
};

// The error for a read or watch at a compacted revision.
absl::Status CompactedError(Revision requested, Revision compacted);
bool IsCompacted(const absl::Status& status);

}  // namespace kube::storage
