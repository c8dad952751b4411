#include "apiserver/storage/etcd/etcd_status.h"

#include <string>

#include "common/util/strings.h"

namespace kube::storage::etcd {
namespace {

bool Contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

Failure Classify(const grpc::Status& status) {
  switch (status.error_code()) {
    case grpc::StatusCode::OK:
      return Failure::kNone;
    // Connection loss, leader loss ("leader changed", "no leader"), proposals that
    // timed out, members stopping: etcd reports all of these as UNAVAILABLE.
    case grpc::StatusCode::UNAVAILABLE:
    // Our own per-attempt deadline, typically a member that lost its leader.
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return Failure::kTransient;
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      // "too many requests" is etcd shedding load; message-size limits are final.
      return Contains(status.error_message(), "too many requests") ? Failure::kTransient
                                                                   : Failure::kFinal;
    default:
      return Failure::kFinal;
  }
}

bool NeverSent(const grpc::Status& status) {
  return status.error_code() == grpc::StatusCode::UNAVAILABLE &&
         (Contains(status.error_message(), "failed to connect") ||
          Contains(status.error_message(), "Failed to connect"));
}

bool IsCompactedError(const grpc::Status& status) {
  return status.error_code() == grpc::StatusCode::OUT_OF_RANGE &&
         Contains(status.error_message(), "compacted");
}

bool IsFutureRevisionError(const grpc::Status& status) {
  return status.error_code() == grpc::StatusCode::OUT_OF_RANGE &&
         Contains(status.error_message(), "future revision");
}

absl::Status ToAbsl(const grpc::Status& status, std::string_view what) {
  if (status.ok()) return absl::OkStatus();
  std::string message = StrCat("etcd ", what, ": ", status.error_message());
  // storage.h gives NotFound, AlreadyExists, Aborted, OutOfRange and Unavailable
  // fixed meanings; etcd's codes are remapped so none leaks in with another meaning.
  switch (status.error_code()) {
    case grpc::StatusCode::OUT_OF_RANGE:
      return IsCompactedError(status) ? absl::OutOfRangeError(message)
                                      : absl::InvalidArgumentError(message);
    case grpc::StatusCode::NOT_FOUND:
    case grpc::StatusCode::ALREADY_EXISTS:
    case grpc::StatusCode::ABORTED:
      return absl::InternalError(message);
    default:
      if (Classify(status) == Failure::kTransient) return absl::UnavailableError(message);
      // The gRPC and absl canonical codes share their numbering.
      return absl::Status(static_cast<absl::StatusCode>(status.error_code()), message);
  }
}

}  // namespace kube::storage::etcd
