#include "apiserver/endpoints/discovery_handler.h"

#include <optional>
#include <string>

#include "apiserver/endpoints/responses.h"
#include "common/api/errors.h"

namespace kube::apiserver {

void ServeDiscovery(const Discovery& discovery, const AggregatedDiscovery& aggregated,
                    const RequestInfo& info, const httplib::Request& request,
                    httplib::Response& response) {
  const bool root = info.version.empty() && (info.api_prefix == "api" || info.group.empty());
  // The answer differs by Accept: caches must keep the forms apart.
  if (root) response.set_header("Vary", "Accept");
  AggregatedForm form = NegotiateAggregatedDiscovery(request.get_header_value("Accept"));
  if (root && form != AggregatedForm::kNone) {
    const AggregatedDiscovery::Document& document = aggregated.Get(info.api_prefix == "api", form);
    response.set_header("ETag", document.etag);
    if (request.get_header_value("If-None-Match") == document.etag) {
      response.status = 304;
      return;
    }
    response.status = 200;
    response.set_content(document.body, document.content_type);
    return;
  }
  std::optional<std::string> document;
  if (info.api_prefix == "api" && info.version.empty()) {
    document = discovery.ApiVersions();
  } else if (info.api_prefix == "api" && info.version == "v1") {
    document = discovery.ResourceList("", "v1");
  } else if (info.api_prefix == "apis" && info.group.empty()) {
    document = discovery.ApiGroupList();
  } else if (info.api_prefix == "apis" && info.version.empty()) {
    document = discovery.ApiGroup(info.group);
  } else if (info.api_prefix == "apis") {
    document = discovery.ResourceList(info.group, info.version);
  }
  if (!document) {
    WriteError(response, api::PathNotFoundError());
    return;
  }
  response.status = 200;
  response.set_content(*document, "application/json");
}

}  // namespace kube::apiserver
