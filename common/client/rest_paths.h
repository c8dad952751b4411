#pragma once

#include <string>
#include <string_view>

#include "common/client/transport.h"

// How the REST transport spells requests: upstream's paths and query parameters.
// Pure functions, kept apart so they can be tested without a server.
namespace kube::client::internal {

// RFC 3986 percent-encoding of everything but the unreserved characters.
std::string PercentEncode(std::string_view text);

// "/api/v1/namespaces/NS/pods/NAME/status", "/apis/apps/v1/deployments", ...
// `ns` is dropped for cluster-scoped resources; an empty `name` addresses the
// collection (and then `subresource` is ignored).
std::string ResourcePath(const Resource& resource, std::string_view ns, std::string_view name,
                         std::string_view subresource = "");

// "?labelSelector=...&limit=..." for a list, or with `watch` the watch parameters
// (watch=true, allowWatchBookmarks, timeoutSeconds); "" when there are none.
std::string ListQuery(const ListOptions& options, bool watch);

// "?dryRun=All&fieldManager=...&fieldValidation=...", or "".
std::string WriteQuery(const WriteOptions& options);

}  // namespace kube::client::internal
