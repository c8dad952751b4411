#pragma once

#include <httplib.h>

#include "absl/status/status.h"
#include "apiserver/endpoints/request_info.h"
#include "apiserver/endpoints/resource_handler.h"
#include "apiserver/generic/store.h"

namespace kube::apiserver {

// Serves a watch as upstream does: 200 with chunked JSON lines, one WatchEvent per
// line, flushed as it happens; one-row Tables when the client asked for Table;
// BOOKMARK events when allowWatchBookmarks is set; the stream ends after
// timeoutSeconds (or a random [T, 2T) of the minimum request timeout). A
// resourceVersion that was compacted gets an ERROR event with a 410 Expired Status.
// Errors found before streaming (a bad selector) are returned as a normal response.
absl::Status ServeWatch(const ResourceInfo& resource, const Store& store,
                        const RequestInfo& info, const httplib::Request& request,
                        httplib::Response& response, const ResourceHandlerOptions& options);

}  // namespace kube::apiserver
