#pragma once

#include <httplib.h>

#include "apiserver/endpoints/aggregated_discovery.h"
#include "apiserver/endpoints/discovery.h"
#include "apiserver/endpoints/request_info.h"

namespace kube::apiserver {

// Answers a GET on a discovery path (/api, /api/v1, /apis, /apis/G, /apis/G/V):
// /api and /apis in the aggregated form when the Accept header asks for it (with
// ETag and 304 on If-None-Match), otherwise the legacy documents; 404 for a group
// or version not served.
void ServeDiscovery(const Discovery& discovery, const AggregatedDiscovery& aggregated,
                    const RequestInfo& info, const httplib::Request& request,
                    httplib::Response& response);

}  // namespace kube::apiserver
