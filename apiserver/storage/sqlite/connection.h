#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace kube::storage::sqlite {

// Turns a SQLite result code into a Status. Busy/locked become Unavailable (the caller
// may retry); everything else is Internal, since it means a broken file or a bug.
absl::Status SqliteError(sqlite3* db, int rc, absl::string_view context);

// A cached prepared statement, borrowed from its Connection for one use. Going out of
// scope resets it and clears its bindings so the next borrower starts clean.
class Statement {
 public:
  Statement(sqlite3_stmt* stmt, bool* in_use) : stmt_(stmt), in_use_(in_use) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  // Parameters are 1-based, as in SQLite. Bind errors surface from Step().
  void BindInt(int index, int64_t value);
  // Binds bytes as a BLOB (copied), so keys compare bytewise and values stay opaque.
  void BindBlob(int index, std::string_view bytes);

  // Advances to the next row: true when a row is ready, false when done.
  absl::StatusOr<bool> Step();
  // Steps to completion, ignoring rows.
  absl::Status Run();

  int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
  bool IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::string Blob(int column) const;

 private:
  sqlite3_stmt* stmt_;  // owned by the Connection's cache
  bool* in_use_;        // the cache's flag for stmt_; cleared on destruction
  int bind_rc_ = SQLITE_OK;
};

// One SQLite connection plus its prepared-statement cache. Not thread-safe: the store
// hands each connection to one thread at a time (opened with SQLITE_OPEN_NOMUTEX).
class Connection {
 public:
  // Opens `path`, creating the file if needed, and sets the busy timeout.
  static absl::StatusOr<std::unique_ptr<Connection>> Open(const std::string& path,
                                                          absl::Duration busy_timeout);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs statements that return nothing we need (pragmas, DDL, BEGIN/COMMIT).
  absl::Status Exec(const std::string& sql);
  // Runs a statement returning one value in one row (e.g. a pragma) as an integer.
  absl::StatusOr<int64_t> QueryInt(const std::string& sql);
  // As QueryInt, for a text result (e.g. PRAGMA journal_mode).
  absl::StatusOr<std::string> QueryText(const std::string& sql);

  // Returns the cached statement for `sql`, preparing it the first time. A statement
  // may be borrowed once at a time; borrowing it twice is a bug and fails Internal.
  absl::StatusOr<Statement> Prepare(const std::string& sql);

  sqlite3* db() const { return db_; }

 private:
  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };

  explicit Connection(sqlite3* db) : db_(db) {}

  sqlite3* const db_;
  // Keyed by SQL text. Node-based, so Cached::in_use addresses stay valid.
  std::unordered_map<std::string, Cached> cache_;
};

// A transaction on one connection; rolls back unless Commit() succeeded.
class Transaction {
 public:
  enum class Mode {
    kRead,   // BEGIN DEFERRED: a consistent snapshot from the first read on
    kWrite,  // BEGIN IMMEDIATE: takes the write lock up front, so checks stay valid
  };

  static absl::StatusOr<Transaction> Begin(Connection& connection, Mode mode);
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();

  absl::Status Commit();

 private:
  explicit Transaction(Connection* connection) : connection_(connection) {}

  Connection* connection_;  // null once committed, rolled back or moved from
};

}  // namespace kube::storage::sqlite
