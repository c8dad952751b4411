#pragma once

#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "apiserver/generic/store.h"

namespace kube::apiserver {

// Where a watch begins.
struct WatchStart {
  // List the state first as ADDED events. With `revision` 0 the state is whatever
  // is newest; otherwise at least as new as `revision`.
  bool initial_events = false;
  // Without initial events: changes after this revision (0: from now).
  storage::Revision revision = 0;
  // Follow the initial events with the BOOKMARK annotated k8s.io/initial-events-end
  // (WatchList), even when there were none.
  bool initial_events_end = false;
};

// The annotation upstream puts on the bookmark that ends a WatchList's initial events.
inline constexpr char kInitialEventsEndAnnotation[] = "k8s.io/initial-events-end";

// A BOOKMARK's object: an empty object of `resource`'s kind carrying only
// `revision` (and, to end the initial events, the annotation above).
SharedObject BookmarkObject(const ResourceInfo& resource, storage::Revision revision,
                            bool initial_events_end);

// Opens a watch on `prefix` for `store`'s resource, the initial state listed from
// storage. A start revision that storage has compacted is 410 Expired.
// Selector transitions follow upstream: an object that stops matching arrives as
// DELETED, one that starts matching as ADDED.
absl::StatusOr<std::unique_ptr<WatchStream>> OpenWatchStream(const Store& store,
                                                             storage::Storage& storage,
                                                             const std::string& prefix,
                                                             const WatchParams& params,
                                                             const WatchStart& start);

// The same over a watch cache: the initial state comes from its snapshot and
// changes from memory.
absl::StatusOr<std::unique_ptr<WatchStream>> OpenCachedWatchStream(const Store& store,
                                                                   WatchCache& cache,
                                                                   const std::string& prefix,
                                                                   const WatchParams& params,
                                                                   const WatchStart& start);

// Converts every object event of `stream` (stored version) with `convert` (into
// the served version); bookmarks, already of the served kind, pass as they are.
absl::StatusOr<std::unique_ptr<WatchStream>> ConvertWatchStream(
    std::unique_ptr<WatchStream> stream,
    std::function<absl::StatusOr<ObjectPtr>(const google::protobuf::Message&)> convert);

}  // namespace kube::apiserver
