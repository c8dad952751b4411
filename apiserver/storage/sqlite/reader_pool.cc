#include "apiserver/storage/sqlite/reader_pool.h"

#include <utility>

#include "apiserver/storage/sqlite/kv_log.h"

namespace kube::storage::sqlite {

absl::StatusOr<ReaderPool::Lease> ReaderPool::Borrow() {
  {
    absl::MutexLock lock(&mu_);
    if (!idle_.empty()) {
      std::unique_ptr<Connection> connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(connection));
    }
  }
  // Opening takes a little I/O; do it outside the lock.
  absl::StatusOr<std::unique_ptr<Connection>> connection = Connection::Open(path_, busy_timeout_);
  if (!connection.ok()) return connection.status();
  if (absl::Status status = SetUpReader(**connection); !status.ok()) return status;
  return Lease(this, *std::move(connection));
}

void ReaderPool::Return(std::unique_ptr<Connection> connection) {
  absl::MutexLock lock(&mu_);
  if (idle_.size() < max_idle_) idle_.push_back(std::move(connection));
  // Otherwise `connection` closes as this returns, after the lock is released.
}

}  // namespace kube::storage::sqlite
