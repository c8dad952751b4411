#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "apiserver/storage/sqlite/connection.h"
#include "apiserver/storage/storage.h"

// The kv log: the one table every write appends to (an MVCC log, as in kine), its
// schema and connection settings, and every SQL statement the store runs over it.
// Functions here do no locking and open no transactions; the caller does both.
namespace kube::storage::sqlite {

// One row of the log: one write to one key.
struct LogRow {
  Revision revision = 0;         // the write's revision (the table's rowid)
  std::string key = "";
  Revision create_revision = 0;  // revision of the create that began this key's life
  Revision prev_revision = 0;    // the key's previous row; 0 for a create
  bool deleted = false;          // a tombstone: the key was deleted at `revision`
  std::string value = "";        // empty for tombstones (the value is in prev row)
};

// The store-wide revisions as of the caller's transaction.
struct LogRevisions {
  Revision current = 0;    // newest revision ever assigned, even if since compacted away
  Revision compacted = 0;  // history at and below this is gone
};

// Settings for the writing connection, then the schema if missing. Must run before
// any reader connection opens the file.
absl::Status SetUpWriter(Connection& writer);
// Settings for a read-only connection.
absl::Status SetUpReader(Connection& reader);

absl::StatusOr<LogRevisions> ReadRevisions(Connection& connection);

// The newest row of `key` (possibly a tombstone), or nullopt if it has none.
absl::StatusOr<std::optional<LogRow>> LatestRow(Connection& connection, std::string_view key);

// Appends `row`; row.revision must be current + 1.
absl::Status AppendRow(Connection& connection, const LogRow& row);

// Live keys in [lower, upper) as of revision `at`, in key order, at most `limit`
// (negative: all). An empty `upper` means no upper bound.
absl::StatusOr<std::vector<KeyValue>> ListAt(Connection& connection, std::string_view lower,
                                             std::string_view upper, Revision at,
                                             int64_t limit);

// Events for keys starting with `prefix` with revision in (after, through], in
// revision order, with prev_kv filled from each row's previous row; at most `limit`.
absl::StatusOr<std::vector<Event>> ReadEvents(Connection& connection, std::string_view prefix,
                                              Revision after, Revision through,
                                              int64_t limit);

// Records `revision` as the compacted revision.
absl::Status WriteCompacted(Connection& connection, Revision revision);

// The revision of the `count`-th row above `after` and at most `limit`, or `limit` if
// fewer rows are left: the end of the next compaction batch.
absl::StatusOr<Revision> BatchEnd(Connection& connection, Revision after, Revision limit,
                                  int64_t count);

// Deletes the rows in (after, through] that compaction at `compact_at` removes:
// tombstones, and rows superseded by a newer row of the same key at or below
// `compact_at`. The newest row of every live key at `compact_at` stays, which also
// keeps the prev row of every later event. Returns the number of rows deleted.
absl::StatusOr<int64_t> DeleteCompactedRows(Connection& connection, Revision after,
                                            Revision through, Revision compact_at);

// Hands free pages back to the filesystem when more than half the file is free;
// otherwise leaves them for upcoming writes to reuse (see kv_log.cc).
absl::Status ReleaseFreePages(Connection& writer);

// The smallest key greater than every key starting with `prefix`; empty if none.
std::string PrefixEnd(std::string_view prefix);

}  // namespace kube::storage::sqlite
