#pragma once

#include <string>

#include "absl/status/statusor.h"

namespace kube::storage::sqlite {

// An exclusive flock(2) on a file, held until destruction, so two stores (in one
// process or two) never share a database: each store assumes it is the only writer,
// since it assigns revisions and publishes watch events in memory.
//
// Locking the database file itself needs care: closing any descriptor of a file drops
// the process's POSIX (fcntl) locks on it, which SQLite uses. So the lock must be
// taken before the first SQLite connection opens and released after the last closes.
class FileLock {
 public:
  // Creates `path` if absent (SQLite takes an empty file as a new database).
  // FailedPrecondition if someone else holds the lock.
  static absl::StatusOr<FileLock> Acquire(const std::string& path);

  FileLock(FileLock&& other) noexcept;
  FileLock& operator=(FileLock&&) = delete;
  ~FileLock();

 private:
  explicit FileLock(int fd) : fd_(fd) {}

  int fd_;  // -1 once moved from
};

}  // namespace kube::storage::sqlite
