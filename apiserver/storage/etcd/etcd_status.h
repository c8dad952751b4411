#pragma once

#include <grpcpp/support/status.h>

#include <string_view>

#include "absl/status/status.h"

namespace kube::storage::etcd {

// How a failed etcd call may be handled.
enum class Failure {
  kNone,       // the call succeeded
  kTransient,  // the member or the network failed; another attempt may succeed
  kFinal,      // the request itself failed (bad argument, compacted, ...): no retry
};

Failure Classify(const grpc::Status& status);

// True when the request never left this process (the connection could not be
// made), so a write that failed this way certainly did not apply.
bool NeverSent(const grpc::Status& status);

// etcd reports both of these as OUT_OF_RANGE and tells them apart only by message.
bool IsCompactedError(const grpc::Status& status);
bool IsFutureRevisionError(const grpc::Status& status);

// The absl form of a gRPC status, with `what` (the operation) prefixed. Codes that
// storage.h reserves keep only their reserved meaning: compaction is OutOfRange, a
// future revision InvalidArgument, every transient failure Unavailable.
absl::Status ToAbsl(const grpc::Status& status, std::string_view what);

}  // namespace kube::storage::etcd
