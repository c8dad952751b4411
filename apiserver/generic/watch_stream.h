#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "apiserver/generic/store.h"

namespace kube::apiserver {

// Opens a watch on `prefix` for `store`'s resource. `revision` 0 first lists the
// current state as ADDED events, then streams changes after that list's revision;
// otherwise it streams changes after `revision` (410 Expired if compacted).
// Selector transitions follow upstream: an object that stops matching arrives as
// DELETED, one that starts matching as ADDED.
absl::StatusOr<std::unique_ptr<WatchStream>> OpenWatchStream(const Store& store,
                                                             storage::Storage& storage,
                                                             const std::string& prefix,
                                                             const WatchParams& params,
                                                             storage::Revision revision);

// The same over a watch cache: the initial state comes from its snapshot and
// changes from memory.
absl::StatusOr<std::unique_ptr<WatchStream>> OpenCachedWatchStream(const Store& store,
                                                                   WatchCache& cache,
                                                                   const std::string& prefix,
                                                                   const WatchParams& params,
                                                                   storage::Revision revision);

}  // namespace kube::apiserver
