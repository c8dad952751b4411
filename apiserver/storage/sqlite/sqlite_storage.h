#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "apiserver/storage/storage.h"

namespace kube::storage {

struct SqliteOptions {
  // Events a watcher may have waiting before it is dropped with ResourceExhausted.
  size_t watch_buffer_events = 100000;
  // Rows Compact deletes per transaction; writers wait at most one batch.
  int64_t compact_batch_rows = 10000;
  // Idle read connections kept open for reuse.
  size_t max_idle_readers = 8;
  // How long a connection waits for a SQLite lock before failing Unavailable.
  absl::Duration busy_timeout = absl::Seconds(10);
};

// Opens (creating if absent) the SQLite-backed store in the single file `path`, plus
// its -wal and -shm companions. Recovers everything committed before, including after
// a crash; the revision continues from where it was. One store per file at a time
// (enforced with flock: a second open fails FailedPrecondition). Destroying the store
// ends its watches with Cancelled. Beyond storage.h: List at a revision newer than
// the current one, and Compact to one, fail InvalidArgument; Compact below the
// compacted revision is a no-op.
absl::StatusOr<std::unique_ptr<Storage>> OpenSqliteStorage(const std::string& path,
                                                           const SqliteOptions& options = {});

}  // namespace kube::storage
