#include "apiserver/storage/sqlite/sqlite_storage.h"

#include <algorithm>
#include <atomic>
#include <optional>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "apiserver/storage/sqlite/connection.h"
#include "apiserver/storage/sqlite/file_lock.h"
#include "apiserver/storage/sqlite/kv_log.h"
#include "apiserver/storage/sqlite/reader_pool.h"
#include "apiserver/storage/sqlite/watch_hub.h"

namespace kube::storage {
namespace sqlite {
namespace {

// Locking:
//  - write_mu_ serializes writes on the single writer connection. A write holds it
//    from BEGIN IMMEDIATE (read, check, append) through the synced COMMIT to
//    publishing its event, so revisions are assigned, made durable and delivered to
//    watchers in one order.
//  - Reads borrow their own connection from readers_ and never take write_mu_: under
//    WAL they read a committed snapshot while the writer works.
//  - compact_mu_ serializes Compact, which takes write_mu_ per batch so writers wait
//    for at most one batch. Order: compact_mu_, then write_mu_, then the hub's locks.
class SqliteStorage final : public Storage {
 public:
  SqliteStorage(const std::string& path, const SqliteOptions& options, FileLock file_lock,
                std::unique_ptr<Connection> writer, LogRevisions revisions)
      : options_(options),
        file_lock_(std::move(file_lock)),
        writer_(std::move(writer)),
        readers_(path, options.busy_timeout, options.max_idle_readers),
        current_revision_(revisions.current),
        compacted_revision_(revisions.compacted),
        hub_(std::make_shared<WatchHub>(revisions.current)) {}

  ~SqliteStorage() override { hub_->Close(); }

  SqliteStorage(const SqliteStorage&) = delete;
  SqliteStorage& operator=(const SqliteStorage&) = delete;

  // Storage:
  absl::StatusOr<KeyValue> Get(std::string_view key) override;
  absl::StatusOr<ListResult> List(const ListOptions& options) override;
  absl::StatusOr<KeyValue> Create(std::string_view key, std::string_view value) override {
    return Write(WriteOp::kCreate, key, value, 0);
  }
  absl::StatusOr<KeyValue> Update(std::string_view key, std::string_view value,
                                  Revision expected_revision) override {
    return Write(WriteOp::kUpdate, key, value, expected_revision);
  }
  absl::StatusOr<KeyValue> Delete(std::string_view key, Revision expected_revision) override {
    return Write(WriteOp::kDelete, key, "", expected_revision);
  }
  absl::StatusOr<std::unique_ptr<Watch>> WatchPrefix(std::string_view prefix,
                                                     Revision after_revision) override;
  absl::Status Compact(Revision revision) override;
  absl::StatusOr<Revision> CurrentRevision() override { return current_revision_.load(); }
  absl::StatusOr<Revision> CompactedRevision() override { return compacted_revision_.load(); }

 private:
  enum class WriteOp { kCreate, kUpdate, kDelete };

  absl::StatusOr<KeyValue> Write(WriteOp op, std::string_view key, std::string_view value,
                                 Revision expected_revision);
  // Checks preconditions and appends the row in the caller's write transaction;
  // returns the event describing the write.
  absl::StatusOr<Event> AppendLocked(WriteOp op, std::string_view key, std::string_view value,
                                     Revision expected_revision)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  // Records `revision` as compacted, if newer. InvalidArgument for a future revision.
  absl::Status MarkCompacted(Revision revision) ABSL_LOCKS_EXCLUDED(write_mu_);

  const SqliteOptions options_;
  // Declared before the connections, so it is released after they all closed.
  const FileLock file_lock_;

  absl::Mutex compact_mu_ ABSL_ACQUIRED_BEFORE(write_mu_);
  absl::Mutex write_mu_;
  const std::unique_ptr<Connection> writer_ ABSL_PT_GUARDED_BY(write_mu_);
  ReaderPool readers_;  // thread-safe

  // Mirrors of the log's revisions for lock-free reads; stored under write_mu_ right
  // after the commit that changed them.
  std::atomic<Revision> current_revision_;
  std::atomic<Revision> compacted_revision_;

  // Shared with every Watch, which may outlive the store.
  const std::shared_ptr<WatchHub> hub_;
};

absl::StatusOr<KeyValue> SqliteStorage::Get(std::string_view key) {
  absl::StatusOr<ReaderPool::Lease> reader = readers_.Borrow();
  if (!reader.ok()) return reader.status();
  absl::StatusOr<std::optional<LogRow>> row = LatestRow(**reader, key);
  if (!row.ok()) return row.status();
  if (!*row || (*row)->deleted) return absl::NotFoundError(absl::StrCat("key not found: ", std::string(key)));
  return KeyValue{.key = std::string(key),
                  .value = std::move((*row)->value),
                  .create_revision = (*row)->create_revision,
                  .mod_revision = (*row)->revision};
}

absl::StatusOr<ListResult> SqliteStorage::List(const ListOptions& options) {
  if (options.revision < 0 || options.limit < 0) {
    return absl::InvalidArgumentError("negative revision or limit");
  }
  absl::StatusOr<ReaderPool::Lease> reader = readers_.Borrow();
  if (!reader.ok()) return reader.status();
  // One snapshot for the revisions and the rows, so they agree.
  absl::StatusOr<Transaction> tx = Transaction::Begin(**reader, Transaction::Mode::kRead);
  if (!tx.ok()) return tx.status();
  absl::StatusOr<LogRevisions> revisions = ReadRevisions(**reader);
  if (!revisions.ok()) return revisions.status();
  ListResult result;
  result.revision = options.revision == 0 ? revisions->current : options.revision;
  if (result.revision < revisions->compacted) {
    return CompactedError(result.revision, revisions->compacted);
  }
  if (result.revision > revisions->current) {
    return absl::InvalidArgumentError(absl::StrCat("revision ", result.revision,
                                                   " is newer than the current revision ",
                                                   revisions->current));
  }
  std::string_view lower = std::max<std::string_view>(options.prefix, options.start_key);
  std::string upper = PrefixEnd(options.prefix);
  // One extra row tells whether the limit cut the list short.
  absl::StatusOr<std::vector<KeyValue>> items =
      ListAt(**reader, lower, upper, result.revision, options.limit > 0 ? options.limit + 1 : -1);
  if (!items.ok()) return items.status();
  if (options.limit > 0 && static_cast<int64_t>(items->size()) > options.limit) {
    items->pop_back();
    result.more = true;
  }
  result.items = *std::move(items);
  if (absl::Status status = tx->Commit(); !status.ok()) return status;
  return result;
}

absl::StatusOr<KeyValue> SqliteStorage::Write(WriteOp op, std::string_view key,
                                              std::string_view value,
                                              Revision expected_revision) {
  if (key.empty()) return absl::InvalidArgumentError("empty key");
  absl::MutexLock lock(&write_mu_);
  absl::StatusOr<Transaction> tx = Transaction::Begin(*writer_, Transaction::Mode::kWrite);
  if (!tx.ok()) return tx.status();
  absl::StatusOr<Event> event = AppendLocked(op, key, value, expected_revision);
  if (!event.ok()) return event.status();  // rolls back
  if (absl::Status status = tx->Commit(); !status.ok()) return status;
  current_revision_.store(event->kv.mod_revision);
  KeyValue result = event->kv;
  hub_->Publish(*std::move(event));
  return result;
}

absl::StatusOr<Event> SqliteStorage::AppendLocked(WriteOp op, std::string_view key,
                                                  std::string_view value,
                                                  Revision expected_revision) {
  absl::StatusOr<std::optional<LogRow>> latest = LatestRow(*writer_, key);
  if (!latest.ok()) return latest.status();
  const LogRow* live = (*latest && !(*latest)->deleted) ? &**latest : nullptr;
  if (op == WriteOp::kCreate && live != nullptr) {
    return absl::AlreadyExistsError(absl::StrCat("key already exists: ", std::string(key)));
  }
  if (op != WriteOp::kCreate) {
    if (live == nullptr) return absl::NotFoundError(absl::StrCat("key not found: ", std::string(key)));
    if (expected_revision != 0 && expected_revision != live->revision) {
      return absl::AbortedError(absl::StrCat("revision conflict on ", std::string(key), ": expected ",
                                             expected_revision, ", have ", live->revision));
    }
  }
  // Read inside the write transaction, so it is exact even after a failed commit.
  absl::StatusOr<LogRevisions> revisions = ReadRevisions(*writer_);
  if (!revisions.ok()) return revisions.status();

  LogRow row{.revision = revisions->current + 1, .key = std::string(key)};
  Event event;
  if (op == WriteOp::kCreate) {
    row.create_revision = row.revision;
    row.value = std::string(value);
    event.type = EventType::kAdded;
  } else {
    row.create_revision = live->create_revision;
    row.prev_revision = live->revision;
    row.deleted = op == WriteOp::kDelete;
    if (!row.deleted) row.value = std::string(value);
    event.type = row.deleted ? EventType::kDeleted : EventType::kModified;
    event.prev_kv = KeyValue{.key = live->key,
                             .value = live->value,
                             .create_revision = live->create_revision,
                             .mod_revision = live->revision};
  }
  if (absl::Status status = AppendRow(*writer_, row); !status.ok()) return status;
  // A delete reports the last value the key held, at the delete's revision.
  event.kv = KeyValue{.key = std::move(row.key),
                      .value = row.deleted ? live->value : std::move(row.value),
                      .create_revision = row.create_revision,
                      .mod_revision = row.revision};
  return event;
}

absl::StatusOr<std::unique_ptr<Watch>> SqliteStorage::WatchPrefix(std::string_view prefix,
                                                                  Revision after_revision) {
  if (after_revision < 0) return absl::InvalidArgumentError("negative revision");
  Revision compacted = compacted_revision_.load();
  if (after_revision != 0 && after_revision < compacted) {
    return CompactedError(after_revision, compacted);
  }
  // Register first: every event published from now on is queued live. Everything
  // up to `published` committed before we joined, so the snapshot read below sees it.
  // History (after, published] plus live (published, ...) has no gap and no overlap.
  auto queue = std::make_shared<WatcherQueue>(std::string(prefix), after_revision,
                                              options_.watch_buffer_events);
  absl::StatusOr<Revision> published = hub_->Register(queue);
  if (!published.ok()) return published.status();
  std::unique_ptr<Watch> watch = MakeHubWatch(hub_, queue);  // unregisters on error
  if (after_revision == 0 || after_revision >= *published) return watch;

  absl::StatusOr<ReaderPool::Lease> reader = readers_.Borrow();
  if (!reader.ok()) return reader.status();
  absl::StatusOr<Transaction> tx = Transaction::Begin(**reader, Transaction::Mode::kRead);
  if (!tx.ok()) return tx.status();
  absl::StatusOr<LogRevisions> revisions = ReadRevisions(**reader);
  if (!revisions.ok()) return revisions.status();
  // A compaction may have committed since the check above.
  if (after_revision < revisions->compacted) {
    return CompactedError(after_revision, revisions->compacted);
  }
  // One past the buffer is enough to know the watcher overflows; read no more.
  absl::StatusOr<std::vector<Event>> history =
      ReadEvents(**reader, prefix, after_revision, *published,
                 static_cast<int64_t>(options_.watch_buffer_events) + 1);
  if (!history.ok()) return history.status();
  if (absl::Status status = tx->Commit(); !status.ok()) return status;
  queue->PrependHistory(*std::move(history));
  return watch;
}

absl::Status SqliteStorage::MarkCompacted(Revision revision) {
  absl::MutexLock lock(&write_mu_);
  if (revision > current_revision_.load()) {
    return absl::InvalidArgumentError(absl::StrCat("cannot compact to future revision ",
                                                   revision, " (current ",
                                                   current_revision_.load(), ")"));
  }
  if (revision <= compacted_revision_.load()) return absl::OkStatus();
  absl::StatusOr<Transaction> tx = Transaction::Begin(*writer_, Transaction::Mode::kWrite);
  if (!tx.ok()) return tx.status();
  if (absl::Status status = WriteCompacted(*writer_, revision); !status.ok()) return status;
  if (absl::Status status = tx->Commit(); !status.ok()) return status;
  compacted_revision_.store(revision);
  return absl::OkStatus();
}

absl::Status SqliteStorage::Compact(Revision revision) {
  absl::MutexLock compact_lock(&compact_mu_);
  // Compacting below the mark is a no-op; at the mark it finishes any interrupted run.
  if (revision < compacted_revision_.load()) return absl::OkStatus();
  // The mark goes first, in its own commit: a reader whose snapshot predates it sees
  // no deletions yet, and one that sees it refuses revisions below it. So no reader
  // ever sees a half-compacted past.
  if (absl::Status status = MarkCompacted(revision); !status.ok()) return status;
  // Each batch covers at least one row or reaches `revision`, so this ends.
  for (Revision done = 0; done < revision;) {
    absl::MutexLock lock(&write_mu_);
    absl::StatusOr<Transaction> tx = Transaction::Begin(*writer_, Transaction::Mode::kWrite);
    if (!tx.ok()) return tx.status();
    absl::StatusOr<Revision> end =
        BatchEnd(*writer_, done, revision, std::max<int64_t>(1, options_.compact_batch_rows));
    if (!end.ok()) return end.status();
    absl::StatusOr<int64_t> deleted = DeleteCompactedRows(*writer_, done, *end, revision);
    if (!deleted.ok()) return deleted.status();
    if (absl::Status status = tx->Commit(); !status.ok()) return status;
    done = *end;
  }
  absl::MutexLock lock(&write_mu_);
  return ReleaseFreePages(*writer_);
}

}  // namespace
}  // namespace sqlite

absl::StatusOr<std::unique_ptr<Storage>> OpenSqliteStorage(const std::string& path,
                                                           const SqliteOptions& options) {
  using sqlite::Connection;
  absl::StatusOr<sqlite::FileLock> file_lock = sqlite::FileLock::Acquire(path);
  if (!file_lock.ok()) return file_lock.status();
  // Opening the writer recovers the WAL left by a crash.
  absl::StatusOr<std::unique_ptr<Connection>> writer =
      Connection::Open(path, options.busy_timeout);
  if (!writer.ok()) return writer.status();
  if (absl::Status status = sqlite::SetUpWriter(**writer); !status.ok()) return status;
  absl::StatusOr<sqlite::LogRevisions> revisions = sqlite::ReadRevisions(**writer);
  if (!revisions.ok()) return revisions.status();
  return std::make_unique<sqlite::SqliteStorage>(path, options, *std::move(file_lock),
                                                 *std::move(writer), *revisions);
}

}  // namespace kube::storage
