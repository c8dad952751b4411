#include "apiserver/storage/sqlite/kv_log.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace kube::storage::sqlite {
namespace {

// Revisions come from AUTOINCREMENT, whose counter (sqlite_sequence) only grows: a
// revision is never reused, even after compaction deletes the newest rows.
// A new store starts at revision 1, as etcd does, so a list of an empty store returns
// a revision a watch can start after (0 means "from now" to WatchPrefix).
// The (key, revision) index serves Get, List and the per-key "newer row" probes;
// revision order is the rowid itself.
constexpr char kSchema[] = R"sql(
BEGIN IMMEDIATE;
CREATE TABLE IF NOT EXISTS kv (
  revision INTEGER PRIMARY KEY AUTOINCREMENT,
  key BLOB NOT NULL,
  create_revision INTEGER NOT NULL,
  prev_revision INTEGER NOT NULL,
  deleted INTEGER NOT NULL,
  value BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS kv_key_revision ON kv (key, revision);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
INSERT OR IGNORE INTO meta (name, value) VALUES ('schema_version', 1);
INSERT OR IGNORE INTO meta (name, value) VALUES ('compacted_revision', 0);
INSERT INTO sqlite_sequence (name, seq)
  SELECT 'kv', 1 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'kv');
COMMIT;
)sql";

constexpr char kReadRevisions[] =
    "SELECT (SELECT IFNULL(MAX(seq), 0) FROM sqlite_sequence WHERE name = 'kv'), "
    "(SELECT value FROM meta WHERE name = 'compacted_revision')";

constexpr char kLatestRow[] =
    "SELECT revision, create_revision, prev_revision, deleted, value FROM kv "
    "WHERE key = ?1 ORDER BY revision DESC LIMIT 1";

constexpr char kAppendRow[] =
    "INSERT INTO kv (revision, key, create_revision, prev_revision, deleted, value) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

// A row is the state of its key at ?3 if no newer row of the key is at or below ?3.
// The scan walks the (key, revision) index in key order, so LIMIT stops it early.
std::string ListSql(bool bounded) {
  return absl::StrCat(
      "SELECT c.key, c.create_revision, c.revision, c.value FROM kv AS c "
      "WHERE c.key >= ?1 ",
      bounded ? "AND c.key < ?2 " : "",
      "AND c.revision <= ?3 AND c.deleted = 0 AND NOT EXISTS ("
      "SELECT 1 FROM kv AS n WHERE n.key = c.key AND n.revision > c.revision "
      "AND n.revision <= ?3) "
      "ORDER BY c.key LIMIT ?4");
}

std::string EventsSql(bool bounded) {
  return absl::StrCat(
      "SELECT c.revision, c.key, c.create_revision, c.deleted, c.value, p.revision, p.value "
      "FROM kv AS c LEFT JOIN kv AS p ON p.revision = c.prev_revision "
      "WHERE c.revision > ?1 AND c.revision <= ?2 AND c.key >= ?3 ",
      bounded ? "AND c.key < ?4 " : "", "ORDER BY c.revision LIMIT ?5");
}

constexpr char kWriteCompacted[] =
    "UPDATE meta SET value = ?1 WHERE name = 'compacted_revision'";

constexpr char kBatchEnd[] =
    "SELECT revision FROM kv WHERE revision > ?1 AND revision <= ?2 "
    "ORDER BY revision LIMIT 1 OFFSET ?3";

constexpr char kDeleteCompacted[] =
    "DELETE FROM kv WHERE revision > ?1 AND revision <= ?2 AND (deleted = 1 OR EXISTS ("
    "SELECT 1 FROM kv AS n WHERE n.key = kv.key AND n.revision > kv.revision "
    "AND n.revision <= ?3))";

}  // namespace

absl::Status SetUpWriter(Connection& writer) {
  // Only takes effect on a new, empty file, so it must come before anything writes the
  // header (journal_mode=WAL does). See ReleaseFreePages.
  if (absl::Status status = writer.Exec("PRAGMA auto_vacuum=INCREMENTAL"); !status.ok()) {
    return status;
  }
  absl::StatusOr<std::string> mode = writer.QueryText("PRAGMA journal_mode=WAL");
  if (!mode.ok()) return mode.status();
  if (*mode != "wal") return absl::InternalError(absl::StrCat("journal_mode is ", *mode));
  // FULL syncs the WAL on every commit: an acknowledged write survives kill -9 and
  // power loss. (NORMAL would survive kill -9 but not power loss.)
  for (const char* pragma : {"PRAGMA synchronous=FULL",
                             // After a checkpoint resets the WAL, shrink it back to this.
                             "PRAGMA journal_size_limit=67108864"}) {
    if (absl::Status status = writer.Exec(pragma); !status.ok()) return status;
  }
  return writer.Exec(kSchema);
}

absl::Status SetUpReader(Connection& reader) {
  // Readers never write, but the last connection to close checkpoints the WAL, so it
  // syncs as carefully as the writer does.
  for (const char* pragma : {"PRAGMA synchronous=FULL", "PRAGMA query_only=1"}) {
    if (absl::Status status = reader.Exec(pragma); !status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::StatusOr<LogRevisions> ReadRevisions(Connection& connection) {
  absl::StatusOr<Statement> stmt = connection.Prepare(kReadRevisions);
  if (!stmt.ok()) return stmt.status();
  absl::StatusOr<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row || stmt->IsNull(1)) return absl::InternalError("kv log: meta table is damaged");
  return LogRevisions{.current = stmt->Int(0), .compacted = stmt->Int(1)};
}

absl::StatusOr<std::optional<LogRow>> LatestRow(Connection& connection, std::string_view key) {
  absl::StatusOr<Statement> stmt = connection.Prepare(kLatestRow);
  if (!stmt.ok()) return stmt.status();
  stmt->BindBlob(1, key);
  absl::StatusOr<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::nullopt;
  return LogRow{.revision = stmt->Int(0),
                .key = std::string(key),
                .create_revision = stmt->Int(1),
                .prev_revision = stmt->Int(2),
                .deleted = stmt->Int(3) != 0,
                .value = stmt->Blob(4)};
}

absl::Status AppendRow(Connection& connection, const LogRow& row) {
  absl::StatusOr<Statement> stmt = connection.Prepare(kAppendRow);
  if (!stmt.ok()) return stmt.status();
  stmt->BindInt(1, row.revision);
  stmt->BindBlob(2, row.key);
  stmt->BindInt(3, row.create_revision);
  stmt->BindInt(4, row.prev_revision);
  stmt->BindInt(5, row.deleted ? 1 : 0);
  stmt->BindBlob(6, row.value);
  return stmt->Run();
}

absl::StatusOr<std::vector<KeyValue>> ListAt(Connection& connection, std::string_view lower,
                                             std::string_view upper, Revision at,
                                             int64_t limit) {
  absl::StatusOr<Statement> stmt = connection.Prepare(ListSql(!upper.empty()));
  if (!stmt.ok()) return stmt.status();
  stmt->BindBlob(1, lower);
  if (!upper.empty()) stmt->BindBlob(2, upper);
  stmt->BindInt(3, at);
  stmt->BindInt(4, limit < 0 ? -1 : limit);
  std::vector<KeyValue> items;
  while (true) {
    absl::StatusOr<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return items;
    items.push_back(KeyValue{.key = stmt->Blob(0),
                             .value = stmt->Blob(3),
                             .create_revision = stmt->Int(1),
                             .mod_revision = stmt->Int(2)});
  }
}

absl::StatusOr<std::vector<Event>> ReadEvents(Connection& connection, std::string_view prefix,
                                              Revision after, Revision through,
                                              int64_t limit) {
  std::string upper = PrefixEnd(prefix);
  absl::StatusOr<Statement> stmt = connection.Prepare(EventsSql(!upper.empty()));
  if (!stmt.ok()) return stmt.status();
  stmt->BindInt(1, after);
  stmt->BindInt(2, through);
  stmt->BindBlob(3, prefix);
  if (!upper.empty()) stmt->BindBlob(4, upper);
  stmt->BindInt(5, limit);
  std::vector<Event> events;
  while (true) {
    absl::StatusOr<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return events;
    Event event;
    event.kv = KeyValue{.key = stmt->Blob(1),
                        .value = stmt->Blob(4),
                        .create_revision = stmt->Int(2),
                        .mod_revision = stmt->Int(0)};
    bool deleted = stmt->Int(3) != 0;
    if (event.kv.create_revision == event.kv.mod_revision && !deleted) {
      event.type = EventType::kAdded;
    } else {
      if (stmt->IsNull(5)) {
        // Compaction keeps every prev row newer history needs; missing means damage.
        return absl::InternalError(
            absl::StrCat("kv log: revision ", event.kv.mod_revision, " lost its prev row"));
      }
      event.type = deleted ? EventType::kDeleted : EventType::kModified;
      event.prev_kv = KeyValue{.key = event.kv.key,
                               .value = stmt->Blob(6),
                               .create_revision = event.kv.create_revision,
                               .mod_revision = stmt->Int(5)};
      if (deleted) event.kv.value = event.prev_kv.value;
    }
    events.push_back(std::move(event));
  }
}

absl::Status WriteCompacted(Connection& connection, Revision revision) {
  absl::StatusOr<Statement> stmt = connection.Prepare(kWriteCompacted);
  if (!stmt.ok()) return stmt.status();
  stmt->BindInt(1, revision);
  return stmt->Run();
}

absl::StatusOr<Revision> BatchEnd(Connection& connection, Revision after, Revision limit,
                                  int64_t count) {
  absl::StatusOr<Statement> stmt = connection.Prepare(kBatchEnd);
  if (!stmt.ok()) return stmt.status();
  stmt->BindInt(1, after);
  stmt->BindInt(2, limit);
  stmt->BindInt(3, count - 1);
  absl::StatusOr<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  return *row ? stmt->Int(0) : limit;
}

absl::StatusOr<int64_t> DeleteCompactedRows(Connection& connection, Revision after,
                                            Revision through, Revision compact_at) {
  absl::StatusOr<Statement> stmt = connection.Prepare(kDeleteCompacted);
  if (!stmt.ok()) return stmt.status();
  stmt->BindInt(1, after);
  stmt->BindInt(2, through);
  stmt->BindInt(3, compact_at);
  if (absl::Status status = stmt->Run(); !status.ok()) return status;
  return sqlite3_changes64(connection.db());
}

// Why the file stays bounded: pages freed by compaction go on SQLite's freelist and
// later writes reuse them before growing the file, so under steady churn with periodic
// compaction the file levels off at about (live data + history between compactions).
// auto_vacuum=INCREMENTAL additionally lets us return space after the data shrinks
// for good (mass deletes) without a full VACUUM, which would rewrite the whole file
// under the write lock. We only release when more than half the file is free, and keep
// free pages worth half the used size, so steady churn does not shrink and regrow.
absl::Status ReleaseFreePages(Connection& writer) {
  absl::StatusOr<int64_t> free_pages = writer.QueryInt("PRAGMA freelist_count");
  if (!free_pages.ok()) return free_pages.status();
  absl::StatusOr<int64_t> pages = writer.QueryInt("PRAGMA page_count");
  if (!pages.ok()) return pages.status();
  int64_t used = *pages - *free_pages;
  if (*free_pages <= used) return absl::OkStatus();
  return writer.Exec(absl::StrCat("PRAGMA incremental_vacuum(", *free_pages - used / 2, ")"));
}

std::string PrefixEnd(std::string_view prefix) {
  std::string end(prefix);
  while (!end.empty()) {
    auto last = static_cast<unsigned char>(end.back());
    if (last < 0xff) {
      end.back() = static_cast<char>(last + 1);
      return end;
    }
    end.pop_back();
  }
  return end;
}

}  // namespace kube::storage::sqlite
