#include "common/client/watch_status.h"

namespace kube::client {
namespace {
constexpr char kWatchClosed[] = "watch closed";
}  // namespace

absl::Status WatchClosedError() { return absl::OutOfRangeError(kWatchClosed); }

bool IsWatchClosed(const absl::Status& status) {
  return status.code() == absl::StatusCode::kOutOfRange && status.message() == kWatchClosed;
}

bool IsResourceExpired(const absl::Status& status) {
  return status.code() == absl::StatusCode::kOutOfRange && !IsWatchClosed(status);
}

}  // namespace kube::client
