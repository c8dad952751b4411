#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "apiserver/storage/sqlite/connection.h"

namespace kube::storage::sqlite {

// Read connections for many threads. In WAL mode each connection reads its own
// snapshot while the writer commits, so readers never wait for writes. A thread
// borrows a connection for one call; the pool opens more when all are busy and keeps
// up to `max_idle` for reuse. Thread-safe.
class ReaderPool {
 public:
  // Returns a connection to the pool when it goes out of scope.
  class Lease {
   public:
    Lease(ReaderPool* pool, std::unique_ptr<Connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (connection_ != nullptr) pool_->Return(std::move(connection_));
    }
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }

   private:
    ReaderPool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  ReaderPool(std::string path, absl::Duration busy_timeout, size_t max_idle)
      : path_(std::move(path)), busy_timeout_(busy_timeout), max_idle_(max_idle) {}

  absl::StatusOr<Lease> Borrow();

 private:
  void Return(std::unique_ptr<Connection> connection);

  const std::string path_;
  const absl::Duration busy_timeout_;
  const size_t max_idle_;

  absl::Mutex mu_;
  std::vector<std::unique_ptr<Connection>> idle_ ABSL_GUARDED_BY(mu_);
};

}  // namespace kube::storage::sqlite
