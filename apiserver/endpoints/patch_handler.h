#pragma once

#include <httplib.h>

#include "absl/status/status.h"
#include "apiserver/endpoints/request_info.h"
#include "apiserver/generic/store.h"

namespace kube::apiserver {

// PATCH on an object or its /status over REST: the four forms kubectl sends
// (application/json-patch+json, merge-patch+json, strategic-merge-patch+json and
// apply-patch+yaml), carried out by operations/patch.h. Other types are 415.
absl::Status ServePatch(const ResourceInfo& resource, const Store& store, const RequestInfo& info,
                        const httplib::Request& request, httplib::Response& response);

}  // namespace kube::apiserver
