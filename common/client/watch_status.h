#pragma once

#include "absl/status/status.h"

namespace kube::client {

// The status a WatchStream ends with when the server closed the stream cleanly
// (timeoutSeconds passed): re-watch from the last resourceVersion seen.
absl::Status WatchClosedError();
bool IsWatchClosed(const absl::Status& status);

// 410 Expired / Gone: the resourceVersion asked for is compacted away; re-list.
// Transport.h gives both this and a closed watch the code OutOfRange, so they are
// told apart by the closed watch's message.
bool IsResourceExpired(const absl::Status& status);

}  // namespace kube::client
